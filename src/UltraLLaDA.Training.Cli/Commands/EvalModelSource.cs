using System.CommandLine;
using TorchSharp;
using UltraLLaDA.Training.Checkpoints;
using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Model;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>
/// The model a set evaluation runs: a run or checkpoint of ultrallada-train (with the data requirements it was
/// trained on), or a preset with Hugging Face weights (LLaDA-8B: --model llada-8b --weights PATH).
/// </summary>
internal sealed class EvalModelSource
{
    /// <summary>Uses a command's existing model options (eval-ppl has had them since before sets).</summary>
    public EvalModelSource(Option<string?> checkpoint, Option<string?> model, Option<string?> weights)
    {
        Checkpoint = checkpoint;
        Model = model;
        Weights = weights;
    }

    /// <summary>New options: --checkpoint, --model, --weights (alias --init-from).</summary>
    public EvalModelSource()
        : this(
            new Option<string?>("--checkpoint") { Description = "a run folder or checkpoint folder of ultrallada-train" },
            new Option<string?>("--model") { Description = "with --weights: tiny, small, llada-8b or a JSON config" },
            new Option<string?>("--weights", "--init-from") { Description = "Hugging Face LLaDA safetensors (file or folder) to evaluate" })
    {
    }

    public Option<string?> Checkpoint { get; }

    public Option<string?> Model { get; }

    public Option<string?> Weights { get; }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Checkpoint);
        command.Options.Add(Model);
        command.Options.Add(Weights);
    }

    /// <summary>
    /// Loads the model a benchmark set is run on: refused when it was trained on another tokenizer than the set's,
    /// with --rope-scaling's base applied.
    /// </summary>
    public (LladaModel Model, string Name) LoadForSet(ParseResult result, UltraLLaDA.Data.Evaluation.EvalTokenizer setTokenizer, string folder, RopeOptions rope, torch.Device device, torch.ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(setTokenizer);
        ArgumentNullException.ThrowIfNull(rope);
        var (model, requirements, name) = Load(result, setTokenizer.VocabSize, device, dtype);
        try
        {
            if (requirements is not null && !string.Equals(requirements.TokenizerSha256, setTokenizer.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new TrainingConfigException($"{folder}: the set was made with tokenizer {setTokenizer.Name}, the model was trained on {requirements.TokenizerName}; make the set with the model's tokenizer");
            var ropeBase = rope.Resolve(result, model.Config);
            if (ropeBase > 0)
                model.SetRopeBase(ropeBase);
            return (model, name);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Loads the model on <paramref name="device"/>; <paramref name="vocabSize"/> is the set's, for a preset that takes it from the data.</summary>
    public (LladaModel Model, DataRequirements? Requirements, string Name) Load(ParseResult result, int vocabSize, torch.Device device, torch.ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(Checkpoint) is { } folder)
        {
            var resolved = CheckpointStore.Resolve(folder);
            var state = CheckpointStore.ReadState(resolved);
            return (CheckpointStore.LoadModel(resolved, state, device, dtype), state.Data, resolved);
        }

        var weights = result.GetValue(Weights) ?? throw new TrainingConfigException("give --checkpoint, or --model with --weights (--init-from)");
        var config = ModelPresets.Resolve(result.GetValue(Model) ?? "llada-8b").ForData(vocabSize);
        var model = new LladaModel(config);
        try
        {
            model.to(device, dtype);
            HuggingFaceCheckpoint.Import(model, weights);
            return (model, null, weights);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
