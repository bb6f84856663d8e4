namespace UltraLLaDA.Training.Evaluation;

/// <summary>What eval-ppl prints: the Monte-Carlo bound on negative log-likelihood per token and its perplexity.</summary>
public sealed record PerplexityReport(
    string Data,
    int ContextLength,
    string Layout,
    double RopeBase,
    int Windows,
    long Tokens,
    int Samples,
    double NllPerToken,
    double Perplexity,
    double StandardError,
    double Seconds);
