using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Formats;

/// <summary>Turns a packed record into the bytes a format appends (e.g. a compressed frame). One per thread.</summary>
public interface IRecordEncoder : IDisposable
{
    /// <summary>Encodes <paramref name="record"/>; the result no longer refers to the record's buffers.</summary>
    /// <exception cref="ArgumentException">The record breaks the format's invariants.</exception>
    IEncodedRecord Encode(PackedRecord record);
}
