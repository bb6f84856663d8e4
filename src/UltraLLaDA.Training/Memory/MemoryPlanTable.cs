using System.Globalization;
using System.Text;

namespace UltraLLaDA.Training.Memory;

/// <summary>The plan as a table for people: one row per item, one column per optimizer-state option.</summary>
public static class MemoryPlanTable
{
    public static string Format(MemoryPlanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var device = report.DeviceMemoryGb > 0 ? string.Create(CultureInfo.InvariantCulture, $"{report.Device} with {report.DeviceMemoryGb:G4} GB") : $"{report.Device} (memory not given)";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"plan: model {report.Model} ({report.Parameters / 1e9:F2}B parameters, {report.Dtype}), batch {report.BatchSize} x seq-len {report.SeqLen}, " +
            $"activation checkpointing {(report.ActivationCheckpointing ? "on" : "off")}, logits chunk {report.LogitsChunkRows} rows, on {device}; GB = 2^30 bytes");
        var header = "  optimizer state            " + string.Concat(report.Options.Select(o => $"{o.OptimizerState,10}"));
        text.AppendLine(header);
        foreach (var (name, pick) in Rows)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-27}{string.Concat(report.Options.Select(o => $"{pick(o.Items),10:F2}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"total (peak)",-27}{string.Concat(report.Options.Select(o => $"{o.TotalGb,10:F2}"))}");
        text.Append(CultureInfo.InvariantCulture, $"  {"fits",-27}{string.Concat(report.Options.Select(o => $"{(report.DeviceMemoryGb <= 0 ? "?" : o.Fits ? "yes" : "no"),10}"))}");
        return text.ToString();
    }

    private static readonly (string Name, Func<MemoryPlanItems, double> Pick)[] Rows =
    [
        ("weights", i => i.Weights),
        ("gradients", i => i.Gradients),
        ("optimizer state", i => i.OptimizerState),
        ("checkpointed activations", i => i.CheckpointedActivations),
        ("one block's recompute", i => i.BlockRecompute),
        ("attention workspace", i => i.AttentionWorkspace),
        ("logits chunk", i => i.LogitsChunk),
        ("optimizer step (alt. phase)", i => i.OptimizerStep),
        ("CUDA context", i => i.CudaContext),
        ("runtime (CPU process)", i => i.Runtime),
    ];
}
