using UltraLLaDA.Training.Optim;

namespace UltraLLaDA.Training.Tests.Training;

public class CosineScheduleTests
{
    [Fact]
    public void Warm_up_is_3_percent_then_cosine_from_peak_to_minimum()
    {
        var schedule = new CosineSchedule(2e-5, 2e-6, 1000);
        Assert.Equal(30, schedule.WarmupSteps);
        Assert.Equal(2e-5 / 30, schedule.At(0), 15);
        Assert.Equal(2e-5, schedule.At(29), 15);
        Assert.Equal(2e-5, schedule.At(30), 15);
        Assert.Equal(2e-6, schedule.At(999), 15);
        // Halfway through the decay (progress 484/969) the rate is within a hair of (peak + min) / 2.
        Assert.InRange(schedule.At(30 + 484), 1.1e-5, 1.1e-5 * 1.002);
        for (var s = 31; s < 1000; s++)
            Assert.True(schedule.At(s) <= schedule.At(s - 1));
    }
}
