using TorchSharp.Modules;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Optim;

/// <summary>
/// AdamW (decoupled weight decay, PyTorch's update rule) with its state in fp32 whatever the weights' dtype:
/// bf16 weights get an fp32 master copy that the update is applied to and then rounded from. Weight decay
/// applies to matrices (projections and embeddings), not to the RMSNorm gains. The whole state is named
/// tensors plus a step count, so a checkpoint restores it exactly.
/// </summary>
public sealed class AdamW : IDisposable
{
    private readonly AdamWOptions _options;
    private readonly List<Slot> _slots;

    public AdamW(IEnumerable<(string Name, Parameter Parameter)> parameters, AdamWOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        using var guard = no_grad();
        _slots = parameters.Select(p => new Slot(p.Name, p.Parameter)).ToList();
    }

    /// <summary>Updates taken so far (PyTorch's per-parameter "step").</summary>
    public long Steps { get; private set; }

    public IEnumerable<Parameter> Parameters => _slots.Select(s => s.Parameter);

    public void ZeroGrad()
    {
        foreach (var slot in _slots)
            slot.Parameter.grad = null;
    }

    /// <summary>One update at learning rate <paramref name="lr"/>.</summary>
    public void Step(double lr)
    {
        Steps++;
        var b1 = _options.Beta1;
        var b2 = _options.Beta2;
        var correction1 = 1 - Math.Pow(b1, Steps);
        var correction2Sqrt = Math.Sqrt(1 - Math.Pow(b2, Steps));
        using var guard = no_grad();
        foreach (var slot in _slots)
        {
            var grad = slot.Parameter.grad;
            if (grad is null)
                continue;
            using var scope = NewDisposeScope();
            var g = grad.to_type(ScalarType.Float32);
            var weights = slot.Master ?? slot.Parameter;
            if (slot.Decays && _options.WeightDecay != 0)
                weights.mul_(1 - (lr * _options.WeightDecay));
            slot.ExpAvg.mul_(b1).add_(g, alpha: 1 - b1);
            slot.ExpAvgSq.mul_(b2).addcmul_(g, g, value: 1 - b2);
            var denominator = slot.ExpAvgSq.sqrt().div_(correction2Sqrt).add_(_options.Eps);
            weights.addcdiv_(slot.ExpAvg, denominator, value: -lr / correction1);
            if (slot.Master is not null)
                slot.Parameter.copy_(slot.Master);
        }
    }

    /// <summary>The state as named tensors: NAME.exp_avg, NAME.exp_avg_sq, and NAME.master for non-fp32 weights.</summary>
    public IReadOnlyList<(string Name, Tensor Tensor)> StateTensors()
    {
        var list = new List<(string, Tensor)>();
        foreach (var slot in _slots)
        {
            list.Add(($"{slot.Name}.exp_avg", slot.ExpAvg));
            list.Add(($"{slot.Name}.exp_avg_sq", slot.ExpAvgSq));
            if (slot.Master is not null)
                list.Add(($"{slot.Name}.master", slot.Master));
        }

        return list;
    }

    /// <summary>Restores what <see cref="StateTensors"/> saved.</summary>
    public void LoadState(Func<string, Tensor> load, long steps)
    {
        ArgumentNullException.ThrowIfNull(load);
        using var guard = no_grad();
        foreach (var slot in _slots)
        {
            Copy(slot.ExpAvg, load($"{slot.Name}.exp_avg"));
            Copy(slot.ExpAvgSq, load($"{slot.Name}.exp_avg_sq"));
            if (slot.Master is not null)
            {
                Copy(slot.Master, load($"{slot.Name}.master"));
                slot.Parameter.copy_(slot.Master);
            }
        }

        Steps = steps;
    }

    public void Dispose()
    {
        foreach (var slot in _slots)
            slot.Dispose();
    }

    private static void Copy(Tensor into, Tensor from)
    {
        using (from)
        {
            if (!from.shape.SequenceEqual(into.shape))
                throw new InvalidDataException($"optimizer state [{string.Join(", ", from.shape)}] does not fit [{string.Join(", ", into.shape)}]");
            into.copy_(from.to_type(into.dtype).to(into.device));
        }
    }

    private sealed class Slot : IDisposable
    {
        public Slot(string name, Parameter parameter)
        {
            Name = name;
            Parameter = parameter;
            Decays = parameter.dim() >= 2;
            ExpAvg = zeros_like(parameter, dtype: ScalarType.Float32);
            ExpAvgSq = zeros_like(parameter, dtype: ScalarType.Float32);
            Master = parameter.dtype == ScalarType.Float32 ? null : parameter.detach().to_type(ScalarType.Float32).clone();
        }

        public string Name { get; }

        public Parameter Parameter { get; }

        public bool Decays { get; }

        public Tensor ExpAvg { get; }

        public Tensor ExpAvgSq { get; }

        public Tensor? Master { get; }

        public void Dispose()
        {
            ExpAvg.Dispose();
            ExpAvgSq.Dispose();
            Master?.Dispose();
        }
    }
}
