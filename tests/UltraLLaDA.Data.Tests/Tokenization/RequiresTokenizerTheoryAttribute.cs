namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>A theory reported as skipped (not passed) when its fetched tokenizers or the PG-19 sample are not there.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresTokenizerTheoryAttribute(params string[] tokenizers) : TheoryAttribute
{
    /// <summary>Whether the test also reads ../shared/pg19-sample.</summary>
    public bool NeedsSample { get; set; }

    public override string Skip
    {
        get => base.Skip ?? TokenizerRequirements.SkipReason(tokenizers, NeedsSample)!;
        set => base.Skip = value;
    }
}
