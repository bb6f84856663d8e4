using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Inspection;

/// <summary>Finds a record of a target and describes it for <c>show</c>.</summary>
public static class RecordInspector
{
    /// <summary>Tokens decoded at each end of a long segment unless the full text is asked for.</summary>
    public const int DefaultContextTokens = 48;

    /// <summary>
    /// Finds record <paramref name="record"/>: its number in the shard for a shard file, in the split for a
    /// folder. Returns the shard path, the record's number in it and its number in the split (when known).
    /// </summary>
    public static (string Shard, int Record, long? SplitRecord) Locate(InspectionTarget target, long record)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (record < 0)
            throw new InspectionInputException($"a record number is 0 or more, not {record}.");
        if (target.IsSingleShard)
        {
            using var reader = ShardReader.Open(target.Shards[0]);
            if (record >= reader.RecordCount)
                throw new InspectionInputException($"{target.Shards[0]} holds {reader.RecordCount} records (0..{reader.RecordCount - 1}); there is no record {record}.");
            return (target.Shards[0], (int)record, null);
        }

        if (target.Manifest is { } manifest)
        {
            for (var i = 0; i < manifest.Shards.Count; i++)
            {
                var entry = manifest.Shards[i];
                if (record >= entry.FirstRecord && record < entry.FirstRecord + entry.Records)
                    return (target.Shards[i], (int)(record - entry.FirstRecord), record);
            }

            var total = manifest.Shards.Sum(s => (long)s.Records);
            throw new InspectionInputException($"{target.Name} holds {total} records (0..{total - 1}); there is no record {record}.");
        }

        long first = 0;
        foreach (var path in target.Shards)
        {
            using var reader = ShardReader.Open(path);
            if (record < first + reader.RecordCount)
                return (path, (int)(record - first), record);
            first += reader.RecordCount;
        }

        throw new InspectionInputException($"{target.Name} holds {first} records (0..{first - 1}); there is no record {record}.");
    }

    /// <summary>
    /// Describes record <paramref name="record"/> of <paramref name="shard"/>. With a <paramref name="tokenizer"/>
    /// each segment's text is decoded: all of it when <paramref name="full"/>, else <paramref name="context"/>
    /// tokens at each end of a segment longer than twice that.
    /// </summary>
    public static RecordReport Describe(string shard, int record, long? splitRecord, DocumentCatalog? documents, ITextTokenizer? tokenizer, bool full = false, int context = DefaultContextTokens)
    {
        ArgumentException.ThrowIfNullOrEmpty(shard);
        ArgumentOutOfRangeException.ThrowIfLessThan(context, 1);
        using var reader = ShardReader.Open(shard);
        if (record < 0 || record >= reader.RecordCount)
            throw new InspectionInputException($"{shard} holds {reader.RecordCount} records (0..{reader.RecordCount - 1}); there is no record {record}.");
        var header = reader.Header;
        var r = reader.ReadRecord(record);
        var segments = new List<SegmentReport>(r.SegmentCount);
        for (var k = 0; k < r.SegmentCount; k++)
        {
            var s = r.Segments[k];
            DocumentEntry? entry = documents is not null && documents.TryFind(s.Doc, out var position) ? documents[position] : null;
            var start = r.CuSeqlens[k];
            var tokens = r.Tokens.Slice(start, (int)s.Length);
            var complete = entry is null ? (bool?)null : (long)s.Offset + s.Length >= entry.Tokens;
            segments.Add(new SegmentReport
            {
                Number = k + 1,
                Start = start,
                End = start + (int)s.Length,
                Doc = s.Doc,
                Offset = s.Offset,
                Length = s.Length,
                IsContinuation = s.IsContinuation,
                ContinuesInNextRecord = complete is bool c ? !c : null,
                DocumentTokens = entry?.Tokens,
                Title = entry?.Title,
                Source = entry?.Source,
                Row = entry?.Row,
                Url = entry?.Url,
                Text = tokenizer is null ? null : Decode(tokenizer, header, tokens, s, complete, full, context),
            });
        }

        return new RecordReport
        {
            File = shard,
            Record = record,
            SplitRecord = splitRecord,
            Layout = header.Layout.ToWireName(),
            SeqLen = header.SeqLen,
            Tokens = r.TokenCount,
            DocumentTokens = r.UnpaddedCount,
            PaddingTokens = r.TokenCount - r.UnpaddedCount,
            PadId = header.PadId,
            TokenizerName = header.Tokenizer.Name,
            DocumentsFile = documents?.Path,
            Segments = segments,
        };
    }

    private static SegmentText Decode(ITextTokenizer tokenizer, ShardHeader header, ReadOnlySpan<uint> tokens, Segment segment, bool? complete, bool full, int context)
    {
        var bos = header.BosId is uint b && segment.Offset == 0 && tokens.Length > 0 && tokens[0] == b;
        if (bos)
            tokens = tokens[1..];
        var eod = header.Layout == SequenceLayout.Eod && header.EodId is uint e && complete != false && tokens.Length > 0 && tokens[^1] == e;
        if (eod)
            tokens = tokens[..^1];
        if (full || tokens.Length <= 2 * context)
            return new SegmentText(tokenizer.Decode(tokens), null, tokens.Length, 0, 0, bos, eod);
        return new SegmentText(
            tokenizer.Decode(tokens[..context]),
            tokenizer.Decode(tokens[^context..]),
            context,
            context,
            tokens.Length - (2 * context),
            bos,
            eod);
    }
}
