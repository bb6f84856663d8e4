namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>
/// A fact that is reported as skipped (not passed) when a tokenizer fetched by
/// .ci/fetch-tokenizers.sh, or the PG19 sample beside the repository, is not there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresTokenizerFactAttribute : FactAttribute
{
    private readonly string[] _tokenizers;

    /// <param name="tokenizers">Names under .tokenizers/ that the test loads.</param>
    public RequiresTokenizerFactAttribute(params string[] tokenizers) => _tokenizers = tokenizers;

    /// <summary>Whether the test also reads ../shared/pg19-sample.</summary>
    public bool NeedsSample { get; set; }

    public override string Skip
    {
        get => base.Skip ?? TokenizerRequirements.SkipReason(_tokenizers, NeedsSample)!;
        set => base.Skip = value;
    }

    /// <summary>The tokenizer names, for tests.</summary>
    public IReadOnlyList<string> Tokenizers => _tokenizers;
}
