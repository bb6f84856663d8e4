namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>RULER's metrics (scripts/eval/synthetic/constants.py), by the name its code gives them.</summary>
public static class RulerMetricNames
{
    /// <summary>The share of the reference strings the output contains (niah, vt, cwe, fwe).</summary>
    public const string StringMatchAll = "string_match_all";

    /// <summary>1 when the output contains any reference string (qa).</summary>
    public const string StringMatchPart = "string_match_part";
}
