namespace UltraLLaDA.Training;

internal static class Placeholder;
