using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Formats;

/// <summary>
/// The registered output formats, by name. Adding a format is its own folder under Formats/ plus one
/// line in <see cref="All"/>.
/// </summary>
public static class ShardFormats
{
    /// <summary>Every format, the default first.</summary>
    public static IReadOnlyList<IShardFormat> All { get; } =
    [
        UldsShardFormat.Instance,
        MegatronShardFormat.Instance,
    ];

    /// <summary>ULDS, the format written unless the job names another.</summary>
    public static IShardFormat Default => All[0];

    public static IEnumerable<string> Names => All.Select(f => f.Name);

    public static bool TryGet(string? name, out IShardFormat format)
    {
        format = All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))!;
        return format is not null;
    }

    /// <summary>The format named <paramref name="name"/>; throws <see cref="ArgumentException"/> listing the known ones otherwise.</summary>
    public static IShardFormat Get(string name) =>
        TryGet(name, out var format) ? format : throw new ArgumentException($"unknown output format '{name}' (known: {string.Join(", ", Names)}).", nameof(name));
}
