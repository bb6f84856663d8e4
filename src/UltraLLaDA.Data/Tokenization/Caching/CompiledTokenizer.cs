using UltraLLaDA.Data.Tokenization.Bpe;

namespace UltraLLaDA.Data.Tokenization.Caching;

/// <summary>
/// One cache entry: the compiled model, and the rest of the tokenizer.json (every component but the
/// model's vocab and merges) as JSON, which the reader checks and builds again on every load; it is
/// small, so only the expensive part is taken from the cache.
/// </summary>
/// <param name="RestJson">UTF-8 JSON of the file without model.vocab and model.merges; empty for a built-in tokenizer.</param>
/// <param name="Model">The resolved vocabulary and merges.</param>
internal sealed record CompiledTokenizer(byte[] RestJson, CompiledBpeModel Model);
