using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using UltraLLaDA.Training.Checkpoints;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Safetensors;
using UltraLLaDA.Training.Tests.Support;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Tests.Checkpoints;

public class SafetensorsTests
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.Int64)]
    public void Tensors_round_trip_bit_for_bit(ScalarType type)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("t.safetensors");
        manual_seed(1);
        using var a = (randn(3, 5) * 100).to_type(type);
        using var b = (randn(7) * 100).to_type(type);
        using var scalar = tensor(new float[] { 3.5f }).to_type(type).reshape([]);
        SafetensorsWriter.Write(path, [("a", a), ("b.weight", b), ("s", scalar)], new Dictionary<string, string> { ["format"] = "pt" });

        using var reader = SafetensorsReader.Open(path);
        Assert.Equal("pt", reader.Metadata["format"]);
        Assert.Equal(SafetensorsDType.FromScalarType(type), reader.Entries["a"].DType);
        using var a2 = reader.Load("a");
        using var b2 = reader.Load("b.weight");
        using var s2 = reader.Load("s");
        Assert.Equal(type, a2.dtype);
        Assert.Equal(a.shape, a2.shape);
        Assert.Empty(s2.shape);
        Assert.True(a.bytes.SequenceEqual(a2.bytes));
        Assert.True(b.bytes.SequenceEqual(b2.bytes));
        Assert.True(scalar.bytes.SequenceEqual(s2.bytes));
    }

    [Fact]
    public void The_file_layout_is_the_reference_one()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("t.safetensors");
        using var x = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        SafetensorsWriter.Write(path, [("x", x)]);
        var bytes = File.ReadAllBytes(path);
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength).TrimEnd());
        var entry = header.RootElement.GetProperty("x");
        Assert.Equal("F32", entry.GetProperty("dtype").GetString());
        Assert.Equal([2L, 2L], entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([0L, 16L], entry.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(8 + headerLength + 16, bytes.Length);
        Assert.Equal(1f, BitConverter.ToSingle(bytes, (int)(8 + headerLength)));
    }

    [Fact]
    public void Hugging_Face_export_uses_LLaDA_names_and_imports_back()
    {
        using var temp = new TempDirectory();
        var config = ModelPresets.Tiny.ForData(259);
        manual_seed(11);
        using var model = new LladaModel(config);
        model.InitializeWeights();
        var path = temp.Combine("model.safetensors");
        HuggingFaceCheckpoint.Export(model, path, ScalarType.Float32);

        using (var reader = SafetensorsReader.Open(path))
        {
            Assert.Contains("model.transformer.wte.weight", reader.Entries.Keys);
            Assert.Contains("model.transformer.blocks.0.ff_proj.weight", reader.Entries.Keys);
            Assert.Contains("model.transformer.blocks.1.up_proj.weight", reader.Entries.Keys);
            Assert.Contains("model.transformer.ln_f.weight", reader.Entries.Keys);
            Assert.Contains("model.transformer.ff_out.weight", reader.Entries.Keys);
            Assert.Equal([config.MlpHidden, config.DModel], reader.Entries["model.transformer.blocks.0.ff_proj.weight"].Shape);
        }

        manual_seed(12);
        using var other = new LladaModel(config);
        other.InitializeWeights();
        Assert.Equal(model.named_parameters().Count(), HuggingFaceCheckpoint.Import(other, path));
        foreach (var ((name, a), (_, b)) in model.named_parameters().Zip(other.named_parameters()))
            Assert.True(a.bytes.SequenceEqual(b.bytes), name);
    }

    [Fact]
    public void Import_refuses_a_checkpoint_of_another_shape()
    {
        using var temp = new TempDirectory();
        using var small = new LladaModel(ModelPresets.Tiny.ForData(259));
        var path = temp.Combine("model.safetensors");
        HuggingFaceCheckpoint.Export(small, path);
        using var wider = new LladaModel((ModelPresets.Tiny with { DModel = 128 }).ForData(259));
        var error = Assert.Throws<TrainingConfigException>(() => HuggingFaceCheckpoint.Import(wider, path));
        Assert.Contains("model.transformer.wte.weight", error.Message, StringComparison.Ordinal);
    }
}
