namespace UltraLLaDA.Data.Tokenization.Bpe;

/// <summary>
/// The read-only part of a byte-level BPE model, shared by every worker: the whole-token lookup
/// by raw bytes, the id of each single byte and the merge rules.
/// </summary>
internal sealed class BpeVocabulary
{
    private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _idsBySpan;
    private readonly int[] _byteIds;

    /// <param name="tokenBytes">Raw bytes of the model token with each id; null where an id has none.</param>
    /// <param name="merges">Pair of ids -> (priority, resulting id).</param>
    /// <param name="ignoreMerges">
    /// HF's <c>ignore_merges</c> (and tiktoken's rule): a piece that is itself a token is emitted as
    /// that token without running merges.
    /// </param>
    public BpeVocabulary(byte[]?[] tokenBytes, MergeTable merges, bool ignoreMerges)
    {
        Merges = merges;
        IgnoreMerges = ignoreMerges;
        var idsByBytes = new Dictionary<byte[], int>(tokenBytes.Length, ByteSequenceComparer.Instance);
        for (var id = 0; id < tokenBytes.Length; id++)
        {
            var bytes = tokenBytes[id];
            if (bytes is not null)
                idsByBytes.TryAdd(bytes, id);
        }
        _idsBySpan = idsByBytes.GetAlternateLookup<ReadOnlySpan<byte>>();
        _byteIds = new int[256];
        Span<byte> one = stackalloc byte[1];
        for (var b = 0; b < 256; b++)
        {
            one[0] = (byte)b;
            if (!_idsBySpan.TryGetValue(one, out _byteIds[b]))
                throw new InvalidDataException($"the vocabulary has no token for the single byte 0x{b:X2}, so some text could not be encoded");
        }
    }

    public MergeTable Merges { get; }

    public bool IgnoreMerges { get; }

    /// <summary>The token that spells the single byte <paramref name="value"/>.</summary>
    public int ByteId(byte value) => _byteIds[value];

    /// <summary>The id of the token whose bytes are exactly <paramref name="bytes"/>, if there is one.</summary>
    public bool TryGetId(ReadOnlySpan<byte> bytes, out int id) => _idsBySpan.TryGetValue(bytes, out id);
}
