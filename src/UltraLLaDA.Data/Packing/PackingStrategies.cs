using UltraLLaDA.Data.Packing.BestFit;
using UltraLLaDA.Data.Packing.Concat;
using UltraLLaDA.Data.Packing.Documents;

namespace UltraLLaDA.Data.Packing;

/// <summary>
/// The registered packing strategies, by name. Adding a strategy is its own folder under Packing/ plus
/// one line in <see cref="All"/>.
/// </summary>
public static class PackingStrategies
{
    /// <summary>Every strategy, the default first.</summary>
    public static IReadOnlyList<IPackingStrategy> All { get; } =
    [
        ConcatStrategy.Instance,
        BestFitStrategy.Instance,
        DocumentsStrategy.Instance,
    ];

    /// <summary>concat (UltraLLaDA §3.3), the strategy used unless the job names another.</summary>
    public static IPackingStrategy Default => All[0];

    /// <summary>One document per record, unpacked: what a format that takes documents gets.</summary>
    public static IPackingStrategy Documents => DocumentsStrategy.Instance;

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    public static bool TryGet(string? name, out IPackingStrategy strategy)
    {
        strategy = All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal))!;
        return strategy is not null;
    }

    /// <summary>The strategy named <paramref name="name"/>; throws <see cref="ArgumentException"/> listing the known ones otherwise.</summary>
    public static IPackingStrategy Get(string name) =>
        TryGet(name, out var strategy) ? strategy : throw new ArgumentException($"unknown packing strategy '{name}' (known: {string.Join(", ", Names)}).", nameof(name));
}
