namespace UltraLLaDA.Data.Tokenization.PreTokenization;

/// <summary>The subset of HF's <c>SplitDelimiterBehavior</c> that is supported.</summary>
internal enum SplitBehavior
{
    /// <summary>Matches and the text between them all become pieces.</summary>
    Isolated,

    /// <summary>Matches are dropped; only the text between them stays (with invert: only the matches stay).</summary>
    Removed,
}
