namespace UltraLLaDA.Data.Packing;

/// <summary>
/// A packing strategy at work on one split: documents' token streams go in, in increasing ordinal
/// order, and records of <see cref="PackingOptions.SeqLen"/> tokens come out, each with the position
/// a resumed job continues from (<see cref="PackedRecord.Next"/>). Strategies differ only in where a
/// document's pieces land; the pack job, the formats and the readers do not depend on which one runs.
/// </summary>
/// <remarks>
/// Push documents with <see cref="Add"/>, drain finished records with <see cref="TryTake"/> after
/// each one, call <see cref="Complete"/> after the last document and drain once more. A packer is
/// single-threaded except <see cref="Recycle"/>, which any thread may call.
/// A packer built for a resume point (the <see cref="PackedRecord.Next"/> of the last record kept)
/// must emit exactly the records an uninterrupted run would have emitted after that record, when it
/// is given the documents from <see cref="PackPosition.Doc"/> on. What <see cref="PackPosition.Offset"/>
/// means is the strategy's own business (concat: the offset in that document's stream).
/// </remarks>
public interface IPacker
{
    PackingOptions Options { get; }

    /// <summary>What this packer consumed and produced (this run only: a resumed run starts from zero).</summary>
    PackingStats Stats { get; }

    /// <summary>Adds the next document's text tokens (the packer adds BOS/EOD as the options say). Ordinals increase; gaps are allowed.</summary>
    void Add(long ordinal, ReadOnlySpan<uint> tokens);

    /// <summary>Ends the split: whatever is still open is finished as the tail policy says.</summary>
    void Complete();

    /// <summary>Takes the next finished record, in record order. The caller owns it until it calls <see cref="Recycle"/>.</summary>
    bool TryTake(out PackedRecord record);

    /// <summary>Hands a record's buffers back for reuse. Thread-safe.</summary>
    void Recycle(PackedRecord record);
}
