using System.CommandLine;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>
/// The flags every `make-eval` set maker shares, whatever its input: --tokenizer, --out, --overwrite. Corpus-based
/// makers (ppl, niah, ruler) get them through <see cref="MakeEvalFlags"/>; LongBench, whose input is its own JSONL files,
/// uses them alone.
/// </summary>
internal sealed class MakeEvalOutputFlags
{
    public Option<string?> Tokenizer { get; } = new("--tokenizer") { Description = "A tokenizer.json (or a folder holding one), or a built-in name (default: o200k_base). Use the tokenizer of the model to evaluate." };

    public Option<string?> Output { get; } = new("--out") { Description = "The set folder." };

    public Option<bool> Overwrite { get; } = new("--overwrite") { Description = "Replace a set already in --out." };

    /// <summary>--out, refused when missing.</summary>
    public string ReadOutput(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(Output) ?? throw new UsageException("--out is required (the set folder).");
    }
}
