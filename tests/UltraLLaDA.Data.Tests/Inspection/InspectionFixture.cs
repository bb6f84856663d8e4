using System.Buffers.Binary;
using UltraLLaDA.Data.Cli.Inspection;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Pipeline;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Inspection;

/// <summary>Packs small splits for the inspection tests and runs the CLI commands on them.</summary>
public static class InspectionFixture
{
    /// <summary>Packs <paramref name="documents"/> test documents (byte tokenizer, seq_len 1000, 3 records a shard) into <paramref name="folder"/>.</summary>
    public static async Task<SplitManifest> PackAsync(string folder, SequenceLayout layout = SequenceLayout.Adaptive, TailPolicy tail = TailPolicy.Pad, int documents = 40, int seed = 7)
    {
        var corpus = new PipelineTestCorpus(documents, seed);
        var result = await corpus.RunAsync(corpus.Settings(folder, layout, workers: 2, tail: tail));
        return result.Manifest;
    }

    /// <summary>Runs the command line (as Program does, with the byte tokenizer for --decode); returns the exit code and what it wrote.</summary>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new System.CommandLine.RootCommand("test");
        InspectCommands.AddTo(root, _ => new ByteTokenizer(), CommandIO.Plain(output, error, 160));
        var exit = await UltraLLaDA.Data.Cli.CliInvocation.InvokeAsync(root, args, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The lines of <paramref name="text"/>, without empty ones.</summary>
    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>File offset of record <paramref name="record"/>'s frame and its length.</summary>
    public static (long Offset, int Length) Frame(string shard, int record)
    {
        using var reader = ShardReader.Open(shard);
        var entry = reader.Index[record];
        return ((long)entry.Offset, (int)entry.CompressedLength);
    }

    /// <summary>File offset of the index.</summary>
    public static long IndexOffset(string shard)
    {
        var bytes = File.ReadAllBytes(shard);
        return (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - 32));
    }

    /// <summary>XORs one byte of a file.</summary>
    public static void Flip(string path, long offset, byte mask = 0x01)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var b = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(b ^ mask));
    }
}
