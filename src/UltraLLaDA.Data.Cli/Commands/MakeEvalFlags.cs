using System.CommandLine;
using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Sources;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>
/// The flags every `make-eval` set maker shares: --input, --input-format, --split, --tokenizer, --lengths, --out,
/// --overwrite and, for a set of random draws, --seed. <see cref="Read"/> gives what the maker's options need.
/// </summary>
internal sealed class MakeEvalFlags
{
    /// <param name="seedDescription">What --seed seeds in this set (its default is 1); null: the set draws nothing and has no --seed.</param>
    public MakeEvalFlags(string? seedDescription = null)
    {
        Seed = seedDescription is null ? null : new Option<ulong>("--seed") { Description = seedDescription, DefaultValueFactory = _ => 1UL };
    }

    public Option<string?> Input { get; } = new("--input") { Description = "Corpus: a PG-19 folder, Parquet file(s) or JSONL, as for pack." };

    public Option<string?> InputFormat { get; } = new("--input-format") { Description = "auto (default), parquet, pg19 or jsonl." };

    public Option<string> Split { get; } = new("--split") { Description = "The split to take text from (default test, as the paper).", DefaultValueFactory = _ => EvalDefaults.Split };

    /// <summary>--tokenizer, --out and --overwrite, which every set maker has.</summary>
    public MakeEvalOutputFlags Set { get; } = new();

    public Option<string?> Tokenizer => Set.Tokenizer;

    public Option<string?> Lengths { get; } = new("--lengths") { Description = "Token lengths, comma-separated; 4K means 4096." };

    public Option<string?> Output => Set.Output;

    public Option<bool> Overwrite => Set.Overwrite;

    /// <summary>--seed, or null for a set without random draws.</summary>
    public Option<ulong>? Seed { get; }

    /// <summary>Adds the flags before the command's own (help lists them in this order).</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Input, InputFormat, Split, Tokenizer, Lengths, Output, Overwrite })
            command.Options.Add(option);
        if (Seed is not null)
            command.Options.Add(Seed);
    }

    /// <summary>The shared settings, refusing a missing or bad --input, a bad --lengths and a missing --out (in that order).</summary>
    public MakeEvalSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var input = ReadInput(parse);
        var lengths = MakeEvalCommand.ParseList(parse.GetValue(Lengths), "--lengths");
        var output = Set.ReadOutput(parse);
        return new MakeEvalSettings(input, parse.GetValue(Tokenizer), lengths, Seed is null ? 0 : parse.GetValue(Seed), output, parse.GetValue(Overwrite));
    }

    private EvalInput ReadInput(ParseResult parse)
    {
        var input = parse.GetValue(Input) ?? throw new UsageException("--input is required (a PG-19 folder, Parquet file(s) or JSONL).");
        if (!File.Exists(input) && !Directory.Exists(input))
            throw new UsageException($"--input {input}: no such file or folder.");
        var layout = parse.GetValue(InputFormat) switch
        {
            null or "auto" => SourceLayout.Auto,
            "parquet" => SourceLayout.Parquet,
            "pg19" => SourceLayout.Pg19Text,
            "jsonl" => SourceLayout.JsonLines,
            var other => throw new UsageException($"--input-format must be auto, parquet, pg19 or jsonl, not '{other}'."),
        };
        return new EvalInput(input, parse.GetValue(Split)!, layout);
    }
}
