using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Tests.Packing;

/// <summary>A packing input for property tests: options plus documents whose tokens never equal the EOD, BOS or pad id.</summary>
public sealed record PackingCase(PackingOptions Options, uint[][] Documents)
{
    public const uint Eod = 1;
    public const uint Pad = 2;
    public const uint Bos = 3;
    public const int Vocab = 1000;

    /// <summary>The token stream the packer must lay out for document <paramref name="d"/>.</summary>
    public uint[] Stream(int d)
    {
        var doc = Documents[d];
        if (doc.Length == 0)
            return [];
        var stream = new List<uint>();
        if (Options.BosId is uint bos)
            stream.Add(bos);
        stream.AddRange(doc);
        if (Options.Layout == SequenceLayout.Eod)
            stream.Add(Options.EodId!.Value);
        return [.. stream];
    }

    /// <summary>Runs the packer over every document and returns the records (copied out).</summary>
    public List<RecordCopy> Pack() => Pack(out _);

    /// <summary>Runs the packer over every document and returns the records (copied out) and the packer's counts.</summary>
    public List<RecordCopy> Pack(out PackingStats stats) => Pack(new Packer(Options), out stats);

    /// <summary>Runs <paramref name="packer"/> (any strategy, built for these options) over every document, draining after each one.</summary>
    public List<RecordCopy> Pack(IPacker packer, out PackingStats stats)
    {
        var records = new List<RecordCopy>();
        for (var d = 0; d < Documents.Length; d++)
        {
            packer.Add(d, Documents[d]);
            Drain(packer, records);
        }

        packer.Complete();
        Drain(packer, records);
        stats = packer.Stats;
        return records;
    }

    public override string ToString() =>
        $"seq_len {Options.SeqLen}, {Options.Layout}, tail {Options.Tail}, bos {Options.BosId?.ToString() ?? "-"}, docs [{string.Join(",", Documents.Select(d => d.Length))}]";

    private static void Drain(IPacker packer, List<RecordCopy> records)
    {
        while (packer.TryTake(out var record))
        {
            records.Add(RecordCopy.Of(record));
            packer.Recycle(record);
        }
    }
}
