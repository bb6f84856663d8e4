namespace UltraLLaDA.Training.Sampling;

/// <summary>
/// LLaDA's <c>get_num_transfer_tokens</c>: the reverse process discretises [0, 1] into equal steps and the noise
/// schedule is linear, so each step unmasks the same number of tokens: masked / steps, the remainder going one each
/// to the first steps.
/// </summary>
public static class TransferSchedule
{
    public static int[] For(int masked, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(masked);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        var counts = new int[steps];
        for (var i = 0; i < steps; i++)
            counts[i] = (masked / steps) + (i < masked % steps ? 1 : 0);
        return counts;
    }
}
