using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>A compressed record on its way to the shard writer, with where the record after it begins.</summary>
internal sealed record EncodedPackedRecord(long Index, PackPosition Next, EncodedRecord Encoded);
