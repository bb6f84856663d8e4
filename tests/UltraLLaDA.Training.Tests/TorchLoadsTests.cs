using static TorchSharp.torch;

namespace UltraLLaDA.Training.Tests;

public class TorchLoadsTests
{
    [Fact]
    public void Libtorch_loads_and_computes()
    {
        using var a = ones(2, 3);
        Assert.Equal(6f, a.sum().item<float>());
    }
}
