namespace UltraLLaDA.Training.Sampling;

/// <summary>LLaDA's <c>generate</c> settings; the defaults are the paper's NIAH setting (output 32, block 32, 32 steps, greedy).</summary>
public sealed record SamplerOptions
{
    /// <summary>Tokens generated after the prompt.</summary>
    public int GenLength { get; init; } = 32;

    /// <summary>Semi-autoregressive block length; GenLength must be a multiple of it.</summary>
    public int BlockLength { get; init; } = 32;

    /// <summary>Sampling steps over the whole answer; a multiple of the number of blocks.</summary>
    public int Steps { get; init; } = 32;

    /// <summary>Gumbel-max temperature; 0 is greedy.</summary>
    public double Temperature { get; init; }

    /// <summary>Unsupervised classifier-free guidance scale; 0 is off.</summary>
    public double CfgScale { get; init; }

    public Remasking Remasking { get; init; } = Remasking.LowConfidence;

    /// <summary>The precision of the low-confidence softmax; the default is the current generate.py's.</summary>
    public ConfidenceDType ConfidenceDType { get; init; } = ConfidenceDType.Model;

    /// <summary>Seeds the Gumbel noise and random remasking (unused when greedy with low-confidence remasking).</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws <see cref="Model.TrainingConfigException"/> for settings <c>generate</c> asserts against.</summary>
    public SamplerOptions Validate()
    {
        if (GenLength <= 0 || BlockLength <= 0 || Steps <= 0)
            throw new Model.TrainingConfigException($"--gen-length {GenLength}, --block-length {BlockLength} and --steps {Steps} must be positive");
        if (GenLength % BlockLength != 0)
            throw new Model.TrainingConfigException($"--gen-length {GenLength} must be a multiple of --block-length {BlockLength}");
        var blocks = GenLength / BlockLength;
        if (Steps % blocks != 0)
            throw new Model.TrainingConfigException($"--steps {Steps} must be a multiple of the number of blocks ({blocks} = {GenLength} / {BlockLength})");
        if (Temperature < 0 || CfgScale < 0)
            throw new Model.TrainingConfigException("--temperature and --cfg-scale must not be negative");
        return this;
    }
}
