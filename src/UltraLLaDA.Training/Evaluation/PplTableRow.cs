namespace UltraLLaDA.Training.Evaluation;

/// <summary>One row of the Table-1-shaped report: a context length and its masked perplexity.</summary>
/// <param name="Length">Context length (tokens in the window).</param>
/// <param name="Tokens">Tokens scored.</param>
/// <param name="Samples">Monte-Carlo draws of (t, mask).</param>
/// <param name="NllPerToken">The likelihood bound in nats per token (mean over the draws).</param>
/// <param name="StandardError">Standard error of that mean over the draws (nats per token); NaN with one draw.</param>
/// <param name="Perplexity">exp(NllPerToken).</param>
/// <param name="PerplexityLow">exp(NllPerToken - StandardError).</param>
/// <param name="PerplexityHigh">exp(NllPerToken + StandardError).</param>
/// <param name="Seconds">Time taken.</param>
public sealed record PplTableRow(int Length, long Tokens, int Samples, double NllPerToken, double StandardError, double Perplexity, double PerplexityLow, double PerplexityHigh, double Seconds);
