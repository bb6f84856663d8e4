namespace UltraLLaDA.Data.Evaluation;

/// <summary>A needle placed in a prompt: its key and value, and the tokens [NeedleStart, NeedleEnd) that hold it.</summary>
/// <param name="Key">The key the question names.</param>
/// <param name="Value">The value to retrieve.</param>
/// <param name="Depth">Where it was asked to go, in percent of the haystack.</param>
/// <param name="NeedleStart">First token of the needle sentence in the prompt.</param>
/// <param name="NeedleEnd">One past its last token.</param>
public sealed record NiahNeedle(string Key, string Value, double Depth, int NeedleStart, int NeedleEnd);
