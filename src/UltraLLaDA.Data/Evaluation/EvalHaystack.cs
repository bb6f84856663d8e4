using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Evaluation;

/// <summary>The PG-19 haystack of the NIAH and RULER sets (RULER's "essay" haystack, from the input's books).</summary>
internal static class EvalHaystack
{
    private const string BlankLine = "\n\n";

    /// <summary>
    /// The haystack text: the split's documents in order, joined by a blank line, as many as make comfortably more
    /// than the longest prompt (haystack starts may move), tokenized as one text.
    /// </summary>
    public static async Task<(uint[] Tokens, string Text, List<EvalDocument> Documents)> ReadAsync(EvalInput input, ITextTokenizer tokenizer, int longest, CancellationToken cancellationToken)
    {
        var wanted = longest + Math.Max(256, longest / 8);
        var buffer = new TokenBuffer(1 << 16);
        var documents = new List<EvalDocument>();
        var texts = new List<string>();
        long total = 0;
        await foreach (var document in input.DocumentsAsync(cancellationToken).ConfigureAwait(false))
        {
            buffer.Clear();
            tokenizer.Encode(document.Text!, buffer);
            documents.Add(new EvalDocument(document.Ordinal, document.Id, document.Title, document.Source, buffer.Count));
            texts.Add(document.Text!);
            total += buffer.Count;
            if (total >= wanted)
                break;
        }

        if (documents.Count == 0)
            throw new EvalSetException($"{input.Describe()}: holds no document with text");
        var text = documents.Count == 1 ? texts[0] : string.Join(BlankLine, texts);
        buffer.Clear();
        tokenizer.Encode(text, buffer);
        if (buffer.Count < longest)
        {
            throw new EvalSetException(
                EvalSetting.Lengths,
                $" {longest} is longer than the corpus: all {documents.Count} document(s) of {input.Describe()} joined make {buffer.Count} tokens with {tokenizer.Info.Name}");
        }

        return (buffer.ToArray(), text, documents);
    }
}
