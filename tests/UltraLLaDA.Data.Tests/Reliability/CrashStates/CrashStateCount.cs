namespace UltraLLaDA.Data.Tests.Reliability.CrashStates;

/// <summary>How many crash states one enumeration checked, and how many of them the recovery refused (power loss only).</summary>
public sealed record CrashStateCount(long States, int Refused);
