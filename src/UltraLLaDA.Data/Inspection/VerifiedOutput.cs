namespace UltraLLaDA.Data.Inspection;

/// <summary>What a <see cref="VerificationReport"/> counted, so its summary names the right things.</summary>
public enum VerifiedOutput
{
    /// <summary>ULDS shards: files of zstd-compressed records; payload bytes are the records decompressed.</summary>
    UldsShards,

    /// <summary>Megatron .bin/.idx pairs: uncompressed token sequences; payload bytes are the .bin's token bytes read.</summary>
    MegatronPairs,
}
