using System.Runtime.CompilerServices;

namespace UltraLLaDA.Data.Sources.JsonLines;

/// <summary>
/// JSON Lines: one JSON object with a "text" field per line (see <see cref="JsonLineParser"/>), in .jsonl,
/// .jsonl.gz or .jsonl.zst files, read line by line.
/// </summary>
/// <remarks>
/// A blank line (only spaces, tabs, CR) is not a document: it is passed over and counted in
/// <see cref="SourceStats.BlankLines"/>, but keeps its place in line numbers (<see cref="SourceDocument.Row"/> is
/// the 0-based line). <c>"text": null</c> is a document with a null text; a missing "text" is an error.
/// Counting a file (for a partition or a resume) is a byte scan for line ends under the same blank-line rule.
/// </remarks>
internal sealed class JsonLinesDocumentSource(string inputPath, string split, IReadOnlyList<SourceFile> files, PartitionSpec partition)
    : FileDocumentSource(inputPath, split, SourceLayout.JsonLines, files, partition)
{
    protected override async ValueTask<long> CountDocumentsAsync(SourceFile file, CancellationToken cancellationToken)
    {
        var stream = InputStreams.Open(file.FullPath);
        await using (stream.ConfigureAwait(false))
            return await JsonLineCounter.CountDocumentsAsync(stream, file.FullPath, cancellationToken).ConfigureAwait(false);
    }

    protected override async IAsyncEnumerable<SourceDocument> ReadFileAsync(
        SourceFile file, long firstOrdinal, long startOrdinal, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = InputStreams.Open(file.FullPath);
        await using (stream.ConfigureAwait(false))
        {
            using var lines = new JsonLineReader(stream, file.FullPath);
            long ordinal = firstOrdinal;
            while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false))
            {
                if (lines.IsBlank)
                {
                    Stats.AddBlankLine();
                    continue;
                }

                if (ordinal < startOrdinal)
                {
                    ordinal++; // before the start: counted, not parsed
                    continue;
                }

                var parsed = JsonLineParser.Parse(lines.Line.Span, file.FullPath, lines.LineIndex + 1, Stats);
                yield return new SourceDocument(
                    ordinal++,
                    LeadingBom.Remove(parsed.Text, Stats),
                    file.RelativePath,
                    lines.LineIndex,
                    parsed.Title,
                    parsed.Url,
                    parsed.PublicationDate,
                    parsed.Extra,
                    parsed.Id);
            }
        }
    }
}
