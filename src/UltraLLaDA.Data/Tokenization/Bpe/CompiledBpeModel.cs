namespace UltraLLaDA.Data.Tokenization.Bpe;

/// <summary>
/// A byte-level BPE model resolved down to ids: what reading a tokenizer's vocabulary and merges
/// produces, before the lookup tables are built. It is the part of loading that costs (parsing and
/// resolving ~200k tokens and merges), so it is also what <see cref="Caching.TokenizerCache"/> stores.
/// </summary>
/// <param name="LookupBytes">Raw bytes each id is looked up by; null for ids with none (verbatim or unused).</param>
/// <param name="DecodeBytes">Bytes each id decodes to.</param>
/// <param name="Verbatim">Model tokens whose string is not byte-level text, in the order they were first seen.</param>
/// <param name="Rules">Merge rules (left, right, priority, result) in file order: a later rule for a pair wins.</param>
/// <param name="IgnoreMerges">HF's <c>ignore_merges</c>.</param>
internal sealed record CompiledBpeModel(
    byte[]?[] LookupBytes,
    byte[]?[] DecodeBytes,
    IReadOnlyList<KeyValuePair<string, int>> Verbatim,
    IReadOnlyList<(int Left, int Right, int Priority, int Result)> Rules,
    bool IgnoreMerges)
{
    /// <summary>The shared lookup tables; throws <see cref="InvalidDataException"/> when a single byte has no token.</summary>
    public BpeVocabulary CreateVocabulary() => new(LookupBytes, MergeTable.Build(Rules), IgnoreMerges);

    /// <summary>The verbatim tokens by string, first id winning as when they were read.</summary>
    public Dictionary<string, int> VerbatimById()
    {
        var verbatim = new Dictionary<string, int>(Verbatim.Count);
        foreach (var (token, id) in Verbatim)
            verbatim.TryAdd(token, id);
        return verbatim;
    }
}
