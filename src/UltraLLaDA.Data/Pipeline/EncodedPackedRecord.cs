using UltraLLaDA.Data.Formats;
using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>A record encoded by the format, on its way to the shard writer, with where the record after it begins and what the manifest counts of it.</summary>
internal sealed record EncodedPackedRecord(long Index, PackPosition Next, IEncodedRecord Encoded, int Segments, int PaddingTokens, int CutDocuments);
