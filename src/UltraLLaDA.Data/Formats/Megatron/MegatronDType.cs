namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>
/// The element types an IndexedDataset can hold, with the byte codes Megatron-core's
/// <c>indexed_dataset.DType</c> enum writes into the .idx header. The values are the wire codes.
/// </summary>
public enum MegatronDType : byte
{
    UInt8 = 1,
    Int8 = 2,
    Int16 = 3,
    Int32 = 4,
    Int64 = 5,
    Float64 = 6,
    Float32 = 7,
    UInt16 = 8,
}
