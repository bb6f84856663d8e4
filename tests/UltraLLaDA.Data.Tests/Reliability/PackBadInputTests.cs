using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Parquet.Schema;
using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Tests.Cli;
using UltraLLaDA.Data.Tests.Sources;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Reliability;

/// <summary>
/// Issue 7, item 1: bad input to `pack`, as a user meets it: the real command in a child process.
/// Each refusal is exit code 2 and one `error:` line naming the file (and row or line where there is
/// one) and what is wrong, with no shard left behind; each tolerated oddity is counted.
/// </summary>
[Collection("cli")]
public class PackBadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Out => Path.Combine(_temp.Path, "out");

    /// <summary>The pack command; <paramref name="extra"/> flags (name value, or a lone switch) replace the defaults of the same name.</summary>
    private static string[] Pack(string input, string output, params string[] extra)
    {
        var flags = new List<(string Name, string? Value)>
        {
            ("--input", input), ("--split", "train"), ("--layout", "adaptive"), ("--tokenizer", "bytes"), ("--seq-len", "256"), ("--out", output), ("--no-progress", null),
        };
        for (var i = 0; i < extra.Length; i++)
        {
            var name = extra[i];
            var value = i + 1 < extra.Length && !extra[i + 1].StartsWith("--", StringComparison.Ordinal) ? extra[++i] : null;
            flags.RemoveAll(f => f.Name == name);
            flags.Add((name, value));
        }

        return ["pack", .. flags.SelectMany(f => f.Value is null ? new[] { f.Name } : [f.Name, f.Value])];
    }

    /// <summary>Exit 2, exactly one line on stderr, starting `error: ` and containing each of <paramref name="parts"/>; no shard written.</summary>
    private void AssertRefused((int Code, string Output, string Error) run, params string[] parts)
    {
        Assert.True(run.Code == 2, $"exit {run.Code}\nstdout: {run.Output}\nstderr: {run.Error}");
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "stderr should be one line:\n" + run.Error);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        foreach (var part in parts)
            Assert.Contains(part, lines[0], StringComparison.Ordinal);
        if (Directory.Exists(Out))
        {
            foreach (var pattern in new[] { "*.ulds*", "*.bin*", "*.idx*" })
                Assert.Empty(Directory.GetFiles(Out, pattern, SearchOption.AllDirectories));
        }
    }

    /// <summary>The output formats the input-side cases run for: bad input is refused the same way whatever is written.</summary>
    public static TheoryData<string> Formats => new() { "ulds", "megatron" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_file_that_is_not_parquet_is_refused_naming_it(string format)
    {
        var path = _temp.Write("train.parquet", "this is not a parquet file at all");
        AssertRefused(CliProcess.Run(Pack(path, Out, "--format", format)), path, "is not a readable Parquet file");
    }

    [Fact]
    public async Task Parquet_without_a_text_column_is_refused_naming_the_file_and_its_columns()
    {
        var path = _temp.Combine("train.parquet");
        await ParquetTestFile.WriteSingleColumnAsync(path, new DataField<int>("body"), new[] { 1, 2 });
        AssertRefused(CliProcess.Run(Pack(path, Out)), path, "has no 'text' column (columns: body)");
    }

    [Fact]
    public async Task Parquet_with_a_non_string_text_column_is_refused_naming_the_type()
    {
        var path = _temp.Combine("train.parquet");
        await ParquetTestFile.WriteSingleColumnAsync(path, new DataField<int>("text"), new[] { 1, 2 });
        AssertRefused(CliProcess.Run(Pack(path, Out)), path, "column 'text' is of type Int32");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Malformed_jsonl_is_refused_naming_file_and_line(string format)
    {
        var path = _temp.Write("train.jsonl", "{\"text\": \"one\"}\n{\"text\": \"two\"}\n{\"text\": unquoted}\n");
        AssertRefused(CliProcess.Run(Pack(path, Out, "--format", format)), $"{path}:3: malformed JSON");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Malformed_metadata_csv_is_refused_naming_file_and_line(string format)
    {
        var root = Path.Combine(_temp.Path, "pg19");
        _temp.Write("pg19/train/1.txt", "A book.\n");
        var csv = _temp.Write("pg19/metadata.csv", "1,ok,1900,u\n2,\"never closed,1900,u\n");
        AssertRefused(CliProcess.Run(Pack(root, Out, "--format", format)), $"{csv}:2", "not closed");
    }

    [Theory]
    [InlineData("{\"model\": {\"type\": \"BPE\", ", "malformed.tokenizer.json")]
    [InlineData(null, "truncated.tokenizer.json")]
    [InlineData(null, "unigram.tokenizer.json")]
    [InlineData("[1, 2, 3]", "not-an-object.tokenizer.json")]
    public void A_bad_tokenizer_json_is_refused_naming_it(string? content, string name)
    {
        var tokenizer = content is null ? Path.Combine(TestPaths.RepoRoot, "tests", "UltraLLaDA.Data.Tests", "TestData", "tokenizers", name) : _temp.Write(name, content);
        Assert.True(File.Exists(tokenizer), tokenizer);
        var input = _temp.Write("train.jsonl", "{\"text\": \"hello\"}\n");
        AssertRefused(CliProcess.Run(Pack(input, Out, "--tokenizer", tokenizer)), name);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_seq_len_that_is_not_positive_is_refused(string seqLen)
    {
        var input = _temp.Write("train.jsonl", "{\"text\": \"hello\"}\n");
        AssertRefused(CliProcess.Run(Pack(input, Out, "--seq-len", seqLen)), "--seq-len must be a positive number", seqLen);
    }

    [Fact]
    public void An_output_folder_that_cannot_be_created_is_refused_naming_it()
    {
        var input = _temp.Write("train.jsonl", "{\"text\": \"hello\"}\n");
        var file = _temp.Write("a-file.txt", "not a folder");
        var output = Path.Combine(file, "out");
        var run = CliProcess.Run(Pack(input, output));
        AssertRefused(run, $"cannot create the output folder {Path.Combine(output, "train")}: ");
    }

    [Fact]
    public void An_output_folder_holding_another_jobs_shards_is_refused_unless_overwrite()
    {
        var input = _temp.Write("train.jsonl", string.Concat(Enumerable.Range(0, 40).Select(i => $"{{\"text\": \"document {i} {new string('x', 100)}\"}}\n")));
        var first = CliProcess.Run(Pack(input, Out));
        Assert.True(first.Code == 0, first.Error);
        var shards = Directory.GetFiles(Path.Combine(Out, "train"), "*.ulds").ToDictionary(p => p, File.ReadAllBytes);

        // Another job (a different seq_len) into the same folder: refused, with or without --resume, and nothing touched.
        foreach (var flags in new[] { Array.Empty<string>(), ["--resume"] })
        {
            var run = CliProcess.Run(Pack(input, Out, ["--seq-len", "128", .. flags]));
            Assert.True(run.Code == 2, $"{string.Join(' ', flags)}: exit {run.Code}: {run.Error}");
            var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
            Assert.Contains(Path.Combine(Out, "train"), lines[0], StringComparison.Ordinal);
            foreach (var (path, bytes) in shards)
                Assert.Equal(bytes, File.ReadAllBytes(path));
        }

        var overwritten = CliProcess.Run(Pack(input, Out, "--seq-len", "128", "--overwrite"));
        Assert.True(overwritten.Code == 0, overwritten.Error);
        Assert.Equal(128, ManifestFile.Read(Path.Combine(Out, "train", "manifest.json")).Config.SeqLen);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Null_and_empty_texts_are_skipped_and_counted(string format)
    {
        var input = _temp.Write("train.jsonl", "{\"text\": \"first\"}\n{\"text\": null}\n{\"text\": \"\"}\n{\"text\": \"last\"}\n{\"text\": \"\"}\n");
        var run = CliProcess.Run(Pack(input, Out, "--format", format));
        Assert.True(run.Code == 0, run.Error);
        var manifest = ManifestFile.Read(Path.Combine(Out, "train", "manifest.json"));
        Assert.Equal(5, manifest.Totals!.Documents);
        // Megatron: the two texts are the only sequences; a skipped document has none.
        if (format == "megatron")
            Assert.Equal(2, manifest.Totals.Records);
        Assert.Equal(1, manifest.Totals.NullDocuments);
        Assert.Equal(3, manifest.Totals.EmptyDocuments);
        var skipped = File.ReadAllLines(Path.Combine(Out, "train", "documents.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => e.TryGetProperty("skipped", out var s) ? s.GetString()! : "-")
            .ToArray();
        Assert.Equal(["-", "null", "empty", "-", "empty"], skipped);
    }

    [Fact]
    public void Invalid_utf8_in_a_txt_is_replaced_by_U_FFFD_and_counted()
    {
        var root = Path.Combine(_temp.Path, "pg19");
        _temp.Write("pg19/train/1.txt", [.. "Bad "u8.ToArray(), 0xFF, .. " bytes "u8.ToArray(), 0xC3, 0x28, .. " here\n"u8.ToArray()]);
        _temp.Write("pg19/train/2.txt", "Good text.\n");
        var run = CliProcess.Run(Pack(root, Out));
        Assert.True(run.Code == 0, run.Error);
        var summary = System.Text.RegularExpressions.Regex.Replace(run.Output, @"\s+", " "); // the console wraps long lines
        Assert.Contains("2 invalid UTF-8 sequences in 1 documents replaced by U+FFFD", summary, StringComparison.Ordinal);
        var manifest = ManifestFile.Read(Path.Combine(Out, "train", "manifest.json"));
        var streams = ShardStreams.Rebuild(Path.Combine(Out, "train"), manifest);
        Assert.Equal("Bad \uFFFD bytes \uFFFD( here\n", Decode(streams[0]));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_50_MB_single_document_packs_and_its_tokens_rebuild_its_bytes(string format)
    {
        var text = new StringBuilder(50 << 20);
        var random = new Random(7);
        const string letters = "abcdefghijklmnopqrstuvwxyz      \n.,";
        while (text.Length < 50 << 20)
            text.Append(letters[random.Next(letters.Length)]);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var input = _temp.Write("train/1.txt", bytes);
        var run = CliProcess.Run(Pack(Path.GetDirectoryName(Path.GetDirectoryName(input))!, Out, "--seq-len", "65536", "--tail", "keep", "--records-per-shard", "256", "--format", format));
        Assert.True(run.Code == 0, run.Error);
        var manifest = ManifestFile.Read(Path.Combine(Out, "train", "manifest.json"));
        Assert.Equal(1, manifest.Totals!.Documents);
        Assert.Equal(bytes.Length, manifest.Totals.Tokens);
        var stream = format == "megatron" ? MegatronSequence(Path.Combine(Out, "train"), manifest) : Assert.Single(ShardStreams.Rebuild(Path.Combine(Out, "train"), manifest)).Value;
        var rebuilt = stream.Select(id => (byte)(id - 3)).ToArray();
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(rebuilt));
    }

    /// <summary>The one sequence of a Megatron split of one document.</summary>
    private static List<uint> MegatronSequence(string folder, SplitManifest manifest)
    {
        var shard = Assert.Single(manifest.Shards);
        using var dataset = MegatronDataset.Open(Path.Combine(folder, MegatronShardFormat.PrefixOf(shard.File)));
        Assert.Equal(1, dataset.Count);
        return [.. dataset.Read(0)];
    }

    private static string Decode(List<uint> ids) => Encoding.UTF8.GetString(ids.Select(id => (byte)(id - 3)).ToArray());
}
