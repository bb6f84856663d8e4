namespace UltraLLaDA.Data.Tests.Reliability.CrashStates;

/// <summary>
/// Thrown by <see cref="StoppingFileSystemSteps"/> at the step it stops before, and at every step after:
/// the process "died" there. Not an <see cref="IOException"/>, so no write-failure handler takes it for a full disk.
/// </summary>
public sealed class SimulatedCrashException(string message) : Exception(message);
