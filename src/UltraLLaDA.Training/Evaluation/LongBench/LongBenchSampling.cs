using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>The sampler settings of one LongBench prompt.</summary>
public static class LongBenchSampling
{
    /// <summary>
    /// <paramref name="options"/> for <see cref="LongBenchGenLengths.Paper"/>; for <see cref="LongBenchGenLengths.Dataset"/>
    /// the dataset's length with block min(block, length) and the same steps per token, refused (naming the dataset)
    /// when LLaDA's sampler could not run it.
    /// </summary>
    public static SamplerOptions For(SamplerOptions options, LongBenchDataset dataset, LongBenchGenLengths lengths)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataset);
        if (lengths == LongBenchGenLengths.Paper)
            return options;
        var gen = dataset.MaxNewTokens;
        var block = Math.Min(options.BlockLength, gen);
        if (gen % block != 0)
            throw new TrainingConfigException($"{dataset.Name}: its LongBench length {gen} is not a multiple of --block-length {options.BlockLength}; choose a block length dividing every dataset's length (e.g. 32) or leave --gen-length-per-dataset off");
        var (steps, rest) = Math.DivRem((long)options.Steps * gen, options.GenLength);
        var blocks = gen / block;
        if (rest != 0 || steps <= 0 || steps % blocks != 0)
            throw new TrainingConfigException($"{dataset.Name}: {gen} tokens at --steps {options.Steps} per --gen-length {options.GenLength} is {options.Steps * (double)gen / options.GenLength:G6} steps, not a whole multiple of its {blocks} block(s); give --steps and --gen-length whose ratio fits (the paper's 512 / 512 does)");
        return (options with { GenLength = gen, BlockLength = block, Steps = (int)steps }).Validate();
    }
}
