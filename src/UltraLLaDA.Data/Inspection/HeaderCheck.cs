using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;

namespace UltraLLaDA.Data.Inspection;

/// <summary>The header checker of verify: shard headers against the manifest config, or, without a manifest, against each other.</summary>
internal static class HeaderCheck
{
    /// <summary>Every way <paramref name="header"/> disagrees with the manifest's <paramref name="config"/>.</summary>
    public static IEnumerable<string> AgainstConfig(ShardHeader header, OutputConfig config)
    {
        if (header.SeqLen != config.SeqLen)
            yield return $"header seq_len is {header.SeqLen}, the manifest config says {config.SeqLen}";
        if (header.Layout.ToWireName() != config.Layout)
            yield return $"header layout is {header.Layout.ToWireName()}, the manifest config says {config.Layout}";
        if (header.VocabSize != config.VocabSize)
            yield return $"header vocab_size is {header.VocabSize}, the manifest config says {config.VocabSize}";
        if (header.EodId != config.EodId)
            yield return $"header eod_id is {Id(header.EodId)}, the manifest config says {Id(config.EodId)}";
        if (header.PadId != config.PadId)
            yield return $"header pad_id is {Id(header.PadId)}, the manifest config says {Id(config.PadId)}";
        if (header.BosId != config.BosId)
            yield return $"header bos_id is {Id(header.BosId)}, the manifest config says {Id(config.BosId)}";
        if (header.Tokenizer.Name != config.Tokenizer.Name)
            yield return $"header tokenizer name is \"{header.Tokenizer.Name}\", the manifest config says \"{config.Tokenizer.Name}\"";
        if (!string.Equals(header.Tokenizer.Sha256, config.Tokenizer.Sha256, StringComparison.OrdinalIgnoreCase))
            yield return $"header tokenizer sha256 is {header.Tokenizer.Sha256}, the manifest config says {config.Tokenizer.Sha256}";
    }

    /// <summary>Without a manifest: the shards of one folder must at least agree with each other.</summary>
    public static void Agree(VerificationUnit unit, VerificationProblems problems)
    {
        var first = unit.Shards.FirstOrDefault(s => s.Header is not null);
        if (first is null)
            return;
        var reference = first.Header! with { ShardIndex = 0 };
        foreach (var shard in unit.Shards.Where(s => s.Header is not null && s != first))
        {
            if (shard.Header! with { ShardIndex = 0 } != reference)
                problems.Add(shard.Display, null, $"header differs from {Path.GetFileName(first.Path)}'s (seq_len, layout, vocab, ids or tokenizer): the shards are not of one job");
        }

        if (unit.WholeSplit || unit.Shards.Count > 1)
        {
            for (var i = 0; i < unit.Shards.Count; i++)
            {
                if (unit.Shards[i].Header is { } header && header.ShardIndex != i)
                    problems.Add(unit.Shards[i].Display, null, $"header shard_index is {header.ShardIndex}, but it is shard {i} of its folder");
            }
        }

        TailCheck.Check(unit, tail: null, problems);
    }

    private static string Id(uint? id) => id?.ToString() ?? "null";
}
