namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>How many tokens each LongBench prompt generates.</summary>
public enum LongBenchGenLengths
{
    /// <summary>The sampler's --gen-length for every dataset (the paper: 512, block 64, 512 steps).</summary>
    Paper,

    /// <summary>
    /// Each dataset's own LongBench length (dataset2maxlen.json: 32 to 512): block = min(--block-length, that
    /// length), steps = that length × --steps / --gen-length (the same steps per token). A length that is not a
    /// multiple of the block, or steps that do not come out whole and a multiple of the blocks, is refused.
    /// </summary>
    Dataset,
}
