using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// The tiling checker of verify: picks the check the strategy's <see cref="ITilingRules"/> call for.
/// In-stream-order strategies get the joints between records (<see cref="StreamTiling"/>); the others
/// the per-document reassembly of their pieces (<see cref="PieceTiling"/>).
/// </summary>
internal static class TilingCheck
{
    public static void Check(VerificationUnit unit, VerificationProblems problems)
    {
        if (unit.Tiling.InStreamOrder)
        {
            StreamTiling.Check(unit, problems);
            return;
        }

        var shards = unit.Shards.Select(s => (s.Display, s.FullyRead ? (IEnumerable<(int, Segment)>)s.Pieces : null)).ToList();
        PieceTiling.Check(shards, unit.Catalog, unit.WholeSplit && unit.Manifest is { Complete: true }, problems.Add);
    }
}
