using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Data.Output;
using UltraLLaDA.Data.Tests.Evaluation;
using UltraLLaDA.Data.Tests.Evaluation.LongBench;
using UltraLLaDA.Data.Tests.Support;
using Xunit.Abstractions;

namespace UltraLLaDA.Data.Tests.Reliability.CrashStates;

/// <summary>
/// make-eval writes a set's index last: stopped after any step, the folder is either a whole set or no
/// set at all (opening it fails, naming the missing index), never a set with missing windows; made again
/// with overwrite, it holds a whole run's bytes.
/// </summary>
public class EvalSetCrashStateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_ppl_set_stopped_at_any_step_is_no_set_and_is_made_again_to_the_same_bytes()
    {
        var tokenizer = EvalTestTokenizers.Load("bytes");
        await CheckAsync("ppl set", folder => PplSetMaker.MakeAsync(PplOptions(folder), tokenizer), folder => PplSetMaker.MakeAsync(PplOptions(folder) with { Overwrite = true }, tokenizer), folder => PplSet.Open(folder));
    }

    [Fact]
    public async Task A_niah_set_stopped_at_any_step_is_no_set_and_is_made_again_to_the_same_bytes()
    {
        var tokenizer = EvalTestTokenizers.Load("bytes");
        await CheckAsync("niah set", folder => NiahSetMaker.MakeAsync(NiahOptions(folder), tokenizer), folder => NiahSetMaker.MakeAsync(NiahOptions(folder) with { Overwrite = true }, tokenizer), folder => NiahSet.Open(folder).Dispose());
    }

    [Fact]
    public async Task A_longbench_set_stopped_at_any_step_is_no_set_and_is_made_again_to_the_same_bytes()
    {
        var tokenizer = EvalTestTokenizers.Load("bytes");
        await CheckAsync("longbench set", folder => LongBenchSetMaker.MakeAsync(LongBenchOptions(folder), tokenizer), folder => LongBenchSetMaker.MakeAsync(LongBenchOptions(folder) with { Overwrite = true }, tokenizer), folder => LongBenchSet.Open(folder).Dispose());
    }

    private async Task CheckAsync(string kind, Func<string, Task> make, Func<string, Task> makeAgain, Action<string> open)
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("set");
        var counting = new StoppingFileSystemSteps();
        using (FileSystemSteps.Use(counting))
            await make(folder);
        var whole = Snapshot(folder);

        for (var n = 1L; n < counting.Steps; n++)
        {
            Directory.Delete(folder, recursive: true);
            var stopping = new StoppingFileSystemSteps(n);
            using (FileSystemSteps.Use(stopping))
                await Assert.ThrowsAsync<SimulatedCrashException>(() => make(folder));

            var error = Assert.ThrowsAny<EvalSetException>(() => open(folder));
            Assert.Contains("not found", error.Message, StringComparison.Ordinal);

            await makeAgain(folder);
            Assert.Equal(whole, Snapshot(folder));
        }

        output.WriteLine($"{kind}: {counting.Steps - 1} crash states checked (stopped after each step but the last)");
        Assert.True(counting.Steps >= 8, $"{kind}: only {counting.Steps} steps");
    }

    /// <summary>Every file under the folder, relative path and bytes as text, for one Assert.Equal.</summary>
    private static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(File.ReadAllBytes(f))), StringComparer.Ordinal);

    private static PplSetOptions PplOptions(string output) => new()
    {
        Input = new EvalInput(EvalTestTokenizers.MiniCorpus, "train"),
        TokenizerSpec = EvalTestTokenizers.Spec("bytes"),
        Lengths = [512, 2048],
        Output = output,
    };

    private static LongBenchSetOptions LongBenchOptions(string output) => LongBenchTestSets.Options(output, "bytes", 512);

    private static NiahSetOptions NiahOptions(string output) => new()
    {
        Input = new EvalInput(EvalTestTokenizers.MiniCorpus, "train"),
        TokenizerSpec = EvalTestTokenizers.Spec("bytes"),
        Lengths = [700, 1000],
        Depths = [0, 50],
        Seed = 7,
        Needles = 1,
        Output = output,
    };
}
