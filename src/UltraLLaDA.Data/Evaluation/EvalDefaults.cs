namespace UltraLLaDA.Data.Evaluation;

/// <summary>The paper's evaluation settings, used when a flag is not given.</summary>
public static class EvalDefaults
{
    /// <summary>Table 1 (PPL-128K): perplexity with context 4K … 128K.</summary>
    public static IReadOnlyList<int> PplLengths { get; } = [4096, 8192, 16384, 32768, 49152, 65536, 98304, 131072];

    /// <summary>Figure 1 (NIAH-128K): context lengths 4K … 128K, doubling.</summary>
    public static IReadOnlyList<int> NiahLengths { get; } = [4096, 8192, 16384, 32768, 65536, 131072];

    /// <summary>Table 4 (RULER-32K): prompt lengths 4K … 32K, doubling.</summary>
    public static IReadOnlyList<int> RulerLengths { get; } = [4096, 8192, 16384, 32768];

    /// <summary>Prompts per RULER task and length when not given: RULER's run.sh default (NUM_SAMPLES=500).</summary>
    public const int RulerSamples = 500;

    /// <summary>Needle depths in percent of the haystack: 0, 10, … 100.</summary>
    public static IReadOnlyList<int> NiahDepths { get; } = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

    /// <summary>RULER's needle (niah_single / multikey with numbers as values).</summary>
    public const string NeedleTemplate = "One of the special magic numbers for {key} is: {value}.";

    /// <summary>
    /// RULER's question with its answer prefix, so that a base model (no chat template) continues with the number.
    /// </summary>
    public const string QuestionTemplate = "What is the special magic number for {key} mentioned in the provided text? The special magic number for {key} mentioned in the provided text is";

    /// <summary>Table 3 (LongBench-16K): the longest prompt in tokens; longer ones lose their middle, as LongBench's pred.py cuts them.</summary>
    public const int LongBenchMaxLength = 16384;

    /// <summary>Digits of a random value (RULER: 7-digit numbers).</summary>
    public const int ValueDigits = 7;

    /// <summary>The split the paper's PG-19 evaluations use.</summary>
    public const string Split = "test";
}
