namespace UltraLLaDA.Training.Sampling;

/// <summary>The precision of the low-confidence softmax (LLaDA's generate.py changed it; both are offered).</summary>
public enum ConfidenceDType
{
    /// <summary>In the logits' own dtype (current generate.py: "Remove float64 in softmax, which is unnecessary"): bf16 probabilities on a bf16 model, so ties are common.</summary>
    Model,

    /// <summary>In float64 (generate.py before that commit).</summary>
    Float64,
}
