using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Packing.BestFit;

namespace UltraLLaDA.Data.Tests.Packing;

/// <summary>A packing input for best-fit property tests: a <see cref="PackingCase"/> and the window to pack it with.</summary>
public sealed record BestFitCase(PackingCase Input, BestFitWindow Window)
{
    public List<RecordCopy> Pack() => Pack(out _);

    public List<RecordCopy> Pack(out PackingStats stats) => Input.Pack(new BestFitPacker(Input.Options, Window), out stats);

    /// <summary>Packs as a resumed job does: a packer built for <paramref name="resume"/>, given the documents from its ordinal on.</summary>
    public List<RecordCopy> Resume(PackPosition resume, long firstRecordIndex)
    {
        var packer = new BestFitPacker(Input.Options, Window, resume, firstRecordIndex);
        var records = new List<RecordCopy>();
        for (var d = (int)resume.Doc; d < Input.Documents.Length; d++)
        {
            packer.Add(d, Input.Documents[d]);
            Drain(packer, records);
        }

        packer.Complete();
        Drain(packer, records);
        return records;
    }

    /// <summary>Packs with every record left in the packer until the end: draining must not change the records.</summary>
    public List<RecordCopy> PackDrainingOnlyAtTheEnd(out PackingStats statsBeforeDraining)
    {
        var packer = new BestFitPacker(Input.Options, Window);
        for (var d = 0; d < Input.Documents.Length; d++)
            packer.Add(d, Input.Documents[d]);
        packer.Complete();
        statsBeforeDraining = Copy(packer.Stats);
        var records = new List<RecordCopy>();
        Drain(packer, records);
        return records;
    }

    /// <summary>The counts as they stand now (the packer's own object keeps changing).</summary>
    public static PackingStats Copy(PackingStats s) => new()
    {
        Documents = s.Documents,
        EmptyDocuments = s.EmptyDocuments,
        CutDocuments = s.CutDocuments,
        Tokens = s.Tokens,
        Records = s.Records,
        Segments = s.Segments,
        PaddingTokens = s.PaddingTokens,
        ExtraPieces = s.ExtraPieces,
        DroppedTokens = s.DroppedTokens,
    };

    public override string ToString() => $"{Input}, window {Window}";

    private static void Drain(BestFitPacker packer, List<RecordCopy> records)
    {
        while (packer.TryTake(out var record))
        {
            records.Add(RecordCopy.Of(record));
            packer.Recycle(record);
        }
    }
}
