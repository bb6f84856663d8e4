using SkiaSharp;
using UltraLLaDA.Data.Cli.Inspection;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Inspection;

/// <summary>The four commands on shards packed from the real PG-19 sample with o200k_base (skipped where the sample is absent).</summary>
public class Pg19SampleInspectionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Pg19SampleFact]
    public async Task Inspect_show_verify_and_mask_work_on_the_validation_split()
    {
        var split = Path.Combine(_temp.Path, "validation");
        var source = DocumentSources.Open(TestPaths.Pg19Sample!, "validation");
        var settings = new PackJobSettings
        {
            OutputDirectory = split,
            Names = new OutputNames("validation"),
            Packing = new PackingOptions { SeqLen = 16384, Layout = SequenceLayout.Eod, Tail = TailPolicy.Pad, EodId = 199999, PadId = 199999 },
            RecordsPerShard = 4,
        };
        var tokenizer = TokenizerLoader.Load(null);
        var result = await new PackJob(settings, tokenizer, (first, token) => source.ReadAsync(first, token)).RunAsync();
        Assert.True(result.Manifest.Totals!.Records > 4);

        var (exit, output, error) = await InspectionFixture.RunAsync("verify", _temp.Path);
        Assert.True(exit == 0, output + error);

        (exit, output, _) = await InspectionFixture.RunAsync("inspect", split);
        Assert.Equal(0, exit);
        Assert.Contains("o200k_base", output, StringComparison.Ordinal);
        Assert.Contains("2 documents", output, StringComparison.Ordinal);

        // The last record of the first book: its end, the EOD, then the second book begins.
        var root = new System.CommandLine.RootCommand("test");
        using var text = new StringWriter();
        using var errors = new StringWriter();
        InspectCommands.AddTo(root, spec => TokenizerLoader.Load(spec), CommandIO.Plain(text, errors, 120));
        var target = InspectionTargets.ResolveOne(split);
        var last = -1L;
        for (var r = 0L; r < result.Manifest.Totals.Records && last < 0; r++)
        {
            var (shard, index, _) = RecordInspector.Locate(target, r);
            if (RecordInspector.Describe(shard, index, r, null, null).Segments.Count == 2)
                last = r;
        }

        Assert.True(last >= 0);
        exit = await UltraLLaDA.Data.Cli.CliInvocation.InvokeAsync(root, ["show", split, "--record", last.ToString(), "--decode"], errors);
        Assert.Equal(0, exit);
        var shown = text.ToString();
        Assert.Contains("⟨EOD⟩", shown, StringComparison.Ordinal);
        Assert.Contains("Project Gutenberg", shown, StringComparison.Ordinal);
        Assert.Contains("document end", shown, StringComparison.Ordinal);
        Assert.Contains("document start", shown, StringComparison.Ordinal);

        var png = _temp.File("mask.png");
        (exit, _, _) = await InspectionFixture.RunAsync("mask", split, "--record", last.ToString(), "--png", png);
        Assert.Equal(0, exit);
        using var bitmap = SKBitmap.Decode(png);
        Assert.True(bitmap.Width > 640 && bitmap.Height > 640);
    }
}
