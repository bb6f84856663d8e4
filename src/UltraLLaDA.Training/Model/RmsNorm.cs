using static TorchSharp.torch;

namespace UltraLLaDA.Training.Model;

/// <summary>RMSNorm as LLaDA computes it: in fp32 whatever the activations' dtype, then scaled by a learned gain.</summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly double _eps;
    private readonly TorchSharp.Modules.Parameter _weight;

    public RmsNorm(long size, double eps)
        : base(nameof(RmsNorm))
    {
        _eps = eps;
        _weight = new TorchSharp.Modules.Parameter(ones(size));
        register_parameter("weight", _weight);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.to_type(ScalarType.Float32);
        var normed = x * (x.pow(2).mean([-1], keepdim: true) + _eps).rsqrt();
        return (_weight * normed.to_type(input.dtype)).MoveToOuterDisposeScope();
    }
}
