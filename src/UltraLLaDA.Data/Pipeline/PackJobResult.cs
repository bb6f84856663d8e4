using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>What a pack job did.</summary>
/// <param name="Manifest">The final manifest.</param>
/// <param name="ResumedFrom">Where a resumed job picked up (null for a fresh run).</param>
/// <param name="AlreadyComplete">True when --resume found the split already complete and did nothing.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record PackJobResult(SplitManifest Manifest, PackPosition? ResumedFrom, bool AlreadyComplete, TimeSpan Elapsed);
