using static TorchSharp.torch;

namespace UltraLLaDA.Training.Model;

/// <summary>RMSNorm as LLaDA computes it: in fp32 whatever the activations' dtype, then scaled by a learned gain.</summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly double _eps;

    public RmsNorm(long size, double eps)
        : base(nameof(RmsNorm))
    {
        _eps = eps;
        register_parameter("weight", new TorchSharp.Modules.Parameter(ones(size)));
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.to_type(ScalarType.Float32);
        var normed = x * (x.pow(2).mean([-1], keepdim: true) + _eps).rsqrt();
        // Looked up by name on every call: moving the module to another dtype or device replaces the Parameter object.
        var weight = get_parameter("weight") ?? throw new InvalidOperationException("RmsNorm lost its weight");
        return (weight * normed.to_type(input.dtype)).MoveToOuterDisposeScope();
    }
}
