using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Formats;

/// <summary>Everything a format needs to know about the job to write its shards; the same for every shard of a split.</summary>
/// <param name="Packing">Layout, seq_len and the EOD/pad/BOS ids the records were packed with.</param>
/// <param name="VocabSize">Vocabulary size, special tokens included: every token id is below it.</param>
/// <param name="Tokenizer">The tokenizer's name and SHA-256.</param>
/// <param name="ZstdLevel">Compression level, for formats that compress.</param>
public sealed record ShardContext(PackingOptions Packing, int VocabSize, TokenizerStamp Tokenizer, int ZstdLevel);
