using System.Security.Cryptography;
using UltraLLaDA.Data.Formats.Megatron;

namespace UltraLLaDA.Data.Tests.Formats.Megatron;

/// <summary>Documents and writes shared by the Megatron format tests.</summary>
internal static class MegatronTestData
{
    /// <summary>Random documents of the given lengths with ids below <paramref name="maxId"/>.</summary>
    public static uint[][] Documents(int seed, uint maxId, params int[] lengths)
    {
        var random = new Random(seed);
        return lengths.Select(n => Enumerable.Range(0, n).Select(_ => (uint)random.NextInt64(maxId)).ToArray()).ToArray();
    }

    /// <summary>Writes <paramref name="documents"/> at <paramref name="prefix"/> and completes the pair.</summary>
    public static MegatronSummary Write(string prefix, MegatronDType dtype, IEnumerable<uint[]> documents)
    {
        using var writer = MegatronWriter.Create(prefix, dtype);
        foreach (var document in documents)
            writer.AddDocument(document);
        return writer.Complete();
    }

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
