using System.Text;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Evaluation;

/// <summary>
/// Makes a PPL set (Table 1): one text of at least the longest length, and a window of each length cut from its
/// start, so the windows are prefixes of one another as in LongLLaDA's evaluation (perplexity with an increasing
/// context over the same text). Deterministic: the text is the first document in split order with enough tokens.
/// </summary>
public static class PplSetMaker
{
    private const string BlankLine = "\n\n";

    public static async Task<PplSetIndex> MakeAsync(PplSetOptions options, ITextTokenizer tokenizer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var lengths = EvalLengths.Check(options.Lengths, EvalDefaults.PplLengths);
        var longest = lengths[^1];
        var (tokens, documents, choice) = await ChooseTextAsync(options, tokenizer, longest, cancellationToken).ConfigureAwait(false);

        EvalSetFolder.Prepare(options.Output, [PplSetIndex.FileName], options.Overwrite);
        var stamp = EvalTokenizer.Of(tokenizer, options.TokenizerSpec);
        var windows = new List<PplWindow>();
        for (var i = 0; i < lengths.Count; i++)
        {
            var length = lengths[i];
            var shard = EvalSetFolder.ShardPath(PplSetIndex.KindName, length);
            EvalShard.Write(Path.Combine(options.Output, shard), stamp, tokenizer.Info.EodId, length, i,
                [(tokens[..length], (ulong)documents[0].Ordinal, 0u)], options.ZstdLevel);
            windows.Add(new PplWindow(length, shard, 0));
        }

        var index = new PplSetIndex
        {
            Tokenizer = stamp,
            Input = options.Input.Describe(),
            Choice = choice,
            Concatenated = documents.Count > 1,
            Documents = documents,
            TextTokens = tokens.Length,
            Windows = windows,
        };
        EvalSetFolder.WriteJson(Path.Combine(options.Output, PplSetIndex.FileName), index);
        return index;
    }

    private static async Task<(uint[] Tokens, List<EvalDocument> Documents, string Choice)> ChooseTextAsync(
        PplSetOptions options, ITextTokenizer tokenizer, int longest, CancellationToken cancellationToken)
    {
        var buffer = new TokenBuffer(1 << 16);
        EvalDocument? best = null;
        var seen = new List<(EvalDocument Document, string Text)>();
        long joined = 0;
        await foreach (var document in options.Input.DocumentsAsync(cancellationToken).ConfigureAwait(false))
        {
            buffer.Clear();
            tokenizer.Encode(document.Text!, buffer);
            var entry = new EvalDocument(document.Ordinal, document.Id, document.Title, document.Source, buffer.Count);
            if (buffer.Count >= longest)
            {
                return (buffer.ToArray(), [entry],
                    $"the first document of the split in input order with at least {longest} tokens (the longest length asked for); windows are its first L tokens");
            }

            if (best is null || entry.Tokens > best.Tokens)
                best = entry;
            if (options.Concatenate)
            {
                seen.Add((entry, document.Text!));
                joined += entry.Tokens;
                if (joined >= longest + 16)
                    break;
            }
        }

        if (best is null)
            throw new EvalSetException($"{options.Input.Describe()}: holds no document with text");
        if (!options.Concatenate)
        {
            throw new EvalSetException(
                EvalSetting.Lengths,
                $" {longest} is longer than every document of {options.Input.Describe()}: the longest, {Describe(best)}, has {best.Tokens} tokens with {tokenizer.Info.Name}; ask for shorter lengths or join documents",
                EvalSetting.Concatenate);
        }

        buffer.Clear();
        tokenizer.Encode(string.Join(BlankLine, seen.Select(s => s.Text)), buffer);
        if (buffer.Count < longest)
        {
            throw new EvalSetException(
                EvalSetting.Lengths,
                $" {longest} is longer than the whole of {options.Input.Describe()}: its {seen.Count} documents joined make {buffer.Count} tokens with {tokenizer.Info.Name}");
        }

        return (buffer.ToArray(), [.. seen.Select(s => s.Document)],
            $"no single document has {longest} tokens: the first {seen.Count} documents of the split in input order, texts joined by a blank line and tokenized as one text; windows are its first L tokens");
    }

    private static string Describe(EvalDocument document)
    {
        var text = new StringBuilder($"document {document.Ordinal}");
        if (document.Id is not null)
            text.Append($" (id {document.Id})");
        if (document.Title is not null)
            text.Append($" '{document.Title}'");
        return text.ToString();
    }
}
