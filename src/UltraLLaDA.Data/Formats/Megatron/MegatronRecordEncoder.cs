using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>
/// The encoder side of the Megatron format: a record is one whole document (the job packs with the
/// documents strategy for this format), so encoding is a copy; the dtype conversion happens as the
/// writer streams the tokens to the .bin.
/// </summary>
internal sealed class MegatronRecordEncoder : IRecordEncoder
{
    public IEncodedRecord Encode(PackedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.SegmentCount != 1 || record.IsPadded)
            throw new ArgumentException($"record {record.Index} holds {record.SegmentCount} segments{(record.IsPadded ? " and padding" : string.Empty)}: a Megatron sequence is one whole document.", nameof(record));
        return new MegatronEncodedRecord(record.Tokens);
    }

    public void Dispose()
    {
        // Holds nothing: each encoded record owns its buffer.
    }
}
