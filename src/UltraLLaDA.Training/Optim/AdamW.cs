using TorchSharp.Modules;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Optim;

/// <summary>
/// AdamW (decoupled weight decay, PyTorch's update rule). With <see cref="OptimizerStatePrecision.Fp32"/> state
/// (the default) m and v are fp32 whatever the weights' dtype and bf16 weights get an fp32 master copy that the
/// update is applied to and then rounded from; with <see cref="OptimizerStatePrecision.Bf16"/> m and v are bf16 and
/// bf16 weights carry a 2-byte Kahan compensation buffer instead (see <see cref="CompensatedUpdate"/>). Weight decay
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
        _slots = parameters.Select(p => new Slot(p.Name, p.Parameter, options.State)).ToList();
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
            if (slot.Compact)
            {
                StepCompact(slot, g, lr, correction1, correction2Sqrt);
                continue;
            }

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

    /// <summary>
    /// The compact update: m and v are read from bf16 into fp32, updated, and stored back rounded; the step itself is
    /// taken in fp32 and applied to the weights directly (fp32 weights) or through the Kahan buffer (bf16 weights).
    /// </summary>
    private void StepCompact(Slot slot, Tensor g, double lr, double correction1, double correction2Sqrt)
    {
        var b1 = _options.Beta1;
        var b2 = _options.Beta2;
        var m = slot.ExpAvg.to_type(ScalarType.Float32).mul_(b1).add_(g, alpha: 1 - b1);
        var v = slot.ExpAvgSq.to_type(ScalarType.Float32).mul_(b2).addcmul_(g, g, value: 1 - b2);
        slot.ExpAvg.copy_(m);
        slot.ExpAvgSq.copy_(v);
        var denominator = v.sqrt_().div_(correction2Sqrt).add_(_options.Eps);
        var delta = m.div_(denominator).mul_(-lr / correction1);
        var decay = slot.Decays && _options.WeightDecay != 0 ? lr * _options.WeightDecay : 0;
        if (slot.Compensation is null)
        {
            if (decay != 0)
                slot.Parameter.mul_(1 - decay);
            slot.Parameter.add_(delta);
            return;
        }

        CompensatedUpdate.Apply(slot.Parameter, slot.Compensation, delta, decay);
    }

    /// <summary>
    /// The state as named tensors: NAME.exp_avg, NAME.exp_avg_sq, plus NAME.master for non-fp32 weights under fp32
    /// state, or NAME.compensation for bf16 weights under bf16 state. Each is saved in its own dtype.
    /// </summary>
    public IReadOnlyList<(string Name, Tensor Tensor)> StateTensors()
    {
        var list = new List<(string, Tensor)>();
        foreach (var slot in _slots)
        {
            list.Add(($"{slot.Name}.exp_avg", slot.ExpAvg));
            list.Add(($"{slot.Name}.exp_avg_sq", slot.ExpAvgSq));
            if (slot.Master is not null)
                list.Add(($"{slot.Name}.master", slot.Master));
            if (slot.Compensation is not null)
                list.Add(($"{slot.Name}.compensation", slot.Compensation));
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
            Copy(slot.ExpAvg, load($"{slot.Name}.exp_avg"), $"{slot.Name}.exp_avg");
            Copy(slot.ExpAvgSq, load($"{slot.Name}.exp_avg_sq"), $"{slot.Name}.exp_avg_sq");
            if (slot.Compensation is not null)
                Copy(slot.Compensation, load($"{slot.Name}.compensation"), $"{slot.Name}.compensation");
            if (slot.Master is not null)
            {
                Copy(slot.Master, load($"{slot.Name}.master"), $"{slot.Name}.master");
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

    private static void Copy(Tensor into, Tensor from, string name)
    {
        using (from)
        {
            if (!from.shape.SequenceEqual(into.shape))
                throw new InvalidDataException($"optimizer state {name} [{string.Join(", ", from.shape)}] does not fit [{string.Join(", ", into.shape)}]");
            // A converted state would not continue bit for bit: refuse it rather than round it.
            if (from.dtype != into.dtype)
                throw new InvalidDataException($"optimizer state {name} is {from.dtype} in the checkpoint, the run keeps it in {into.dtype} (another --optimizer-state)");
            into.copy_(from.to_type(into.dtype).to(into.device));
        }
    }

    private sealed class Slot : IDisposable
    {
        public Slot(string name, Parameter parameter, OptimizerStatePrecision precision)
        {
            Name = name;
            Parameter = parameter;
            Decays = parameter.dim() >= 2;
            // Vectors (the RMSNorm gains, about 1 and a few thousand numbers in all) keep fp32 state under either
            // option: near 1 a bf16 Kahan buffer is too coarse for steps of 2e-5 (its own spacing is about 1e-5).
            Compact = precision == OptimizerStatePrecision.Bf16 && Decays;
            precision = Compact ? precision : OptimizerStatePrecision.Fp32;
            var stateType = Compact ? ScalarType.BFloat16 : ScalarType.Float32;
            ExpAvg = zeros_like(parameter, dtype: stateType);
            ExpAvgSq = zeros_like(parameter, dtype: stateType);
            var lowPrecisionWeights = parameter.dtype != ScalarType.Float32;
            Master = lowPrecisionWeights && precision == OptimizerStatePrecision.Fp32 ? parameter.detach().to_type(ScalarType.Float32).clone() : null;
            Compensation = lowPrecisionWeights && precision == OptimizerStatePrecision.Bf16 ? zeros_like(parameter, dtype: CompensatedUpdate.BufferType) : null;
        }

        public string Name { get; }

        public Parameter Parameter { get; }

        public bool Decays { get; }

        /// <summary>Under bf16 state: this matrix keeps bf16 m and v (and a Kahan buffer for bf16 weights).</summary>
        public bool Compact { get; }

        public Tensor ExpAvg { get; }

        public Tensor ExpAvgSq { get; }

        public Tensor? Master { get; }

        /// <summary>The Kahan buffer of low-precision weights under bf16 state: what rounding left out of past updates.</summary>
        public Tensor? Compensation { get; }

        public void Dispose()
        {
            Compensation?.Dispose();
            ExpAvg.Dispose();
            ExpAvgSq.Dispose();
            Master?.Dispose();
        }
    }
}
