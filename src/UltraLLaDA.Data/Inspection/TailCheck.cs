using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Inspection;

/// <summary>The tail checker of verify: only the split's last record may be padded or short (unless the strategy pads anywhere), and only as the tail policy says.</summary>
internal static class TailCheck
{
    /// <param name="unit">The split (or folder) whose shards' last records are checked.</param>
    /// <param name="tail">The manifest's tail policy, or null without a manifest (then only "not before the end" is checked).</param>
    /// <param name="problems">Where problems go.</param>
    public static void Check(VerificationUnit unit, TailPolicy? tail, VerificationProblems problems)
    {
        for (var i = 0; i < unit.Shards.Count; i++)
        {
            var shard = unit.Shards[i];
            if (shard.Header is not { } header || shard.Records.Length == 0)
                continue;
            var lastIndex = shard.Records.Length - 1;
            ref var last = ref shard.Records[lastIndex];
            if (!last.Read)
                continue;
            var isSplitEnd = i == unit.Shards.Count - 1;
            var isShort = last.TokenCount < header.SeqLen;
            if (!isSplitEnd && (unit.WholeSplit || unit.Shards.Count > 1))
            {
                if (last.IsPadded && unit.Tiling.PaddingOnlyInTail)
                    problems.Add(shard.Display, lastIndex, "is a padded tail, but it is not the split's last record (later shards follow)");
                if (isShort)
                    problems.Add(shard.Display, lastIndex, $"is short ({last.TokenCount} of {header.SeqLen} tokens), but it is not the split's last record (later shards follow)");
            }
            else if (tail is not null)
            {
                if (last.IsPadded && tail != TailPolicy.Pad)
                    problems.Add(shard.Display, lastIndex, $"is a padded tail, but the manifest's tail policy is {tail.Value.ToWireName()}");
                if (isShort && tail != TailPolicy.Keep)
                    problems.Add(shard.Display, lastIndex, $"is short ({last.TokenCount} of {header.SeqLen} tokens), but the manifest's tail policy is {tail.Value.ToWireName()}");
            }
        }
    }
}
