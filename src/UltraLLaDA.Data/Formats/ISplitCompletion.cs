using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Formats;

/// <summary>
/// Optional for a format: what it keeps beside the manifest of a whole split (e.g. Megatron's
/// <c>--data-path</c> blend). The pack job calls it for a split packed without partitions;
/// merge-manifests calls <see cref="Completing"/> for a merged split.
/// </summary>
public interface ISplitCompletion
{
    /// <summary>The split in <paramref name="folder"/> is about to be written or resumed: remove what describes its earlier shards.</summary>
    void Starting(string folder);

    /// <summary>
    /// The whole split's manifest is complete: write the format's files beside it and return the
    /// manifest with the format's fields added, which is then written.
    /// </summary>
    SplitManifest Completing(string folder, SplitManifest manifest);
}
