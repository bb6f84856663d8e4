using System.Diagnostics;
using System.Text.Json;

namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>
/// Runs tools/peers/peers.mjs under node on texts of this bench's corpus, so Hugging Face
/// tokenizers (native binding) and tiktoken (WASM) are timed in the same run as ours. Anything
/// missing (node, the npm packages, a tokenizer.json for the peer) gives a note instead of figures.
/// </summary>
internal static class PeerTokenizers
{
    /// <summary>Where tools/peers/install.sh puts the npm packages, relative to the repository root.</summary>
    public static readonly string InstallFolder = Path.Combine(".cache", "peers");

    public static async Task<PeerResults> MeasureAsync(PeerRequest request, string scratch, int threads, CancellationToken cancellationToken)
    {
        var script = Path.GetFullPath(Path.Combine("tools", "peers", "peers.mjs"));
        var peers = Path.GetFullPath(InstallFolder);
        if (!File.Exists(script))
            return PeerResults.Skipped($"skipped: {script} not found (run the bench from the repository root)");
        if (!Directory.Exists(Path.Combine(peers, "node_modules")))
            return PeerResults.Skipped($"skipped: peers not installed (run tools/peers/install.sh; needs node and npm)");

        Directory.CreateDirectory(scratch);
        var textsFile = Path.Combine(scratch, "peer-texts.json");
        var requestFile = Path.Combine(scratch, "peer-request.json");
        await File.WriteAllTextAsync(textsFile, JsonSerializer.Serialize(request.Texts), cancellationToken).ConfigureAwait(false);
        var body = new Dictionary<string, object?>
        {
            ["peers_dir"] = peers,
            ["texts_file"] = textsFile,
            ["tokenizer_json"] = request.TokenizerJson,
            ["tiktoken_encoding"] = "o200k_base",
            ["probe_text"] = request.ProbeText,
            ["probe_ids"] = request.ProbeIds,
            ["repeats"] = 2,
        };
        await File.WriteAllTextAsync(requestFile, JsonSerializer.Serialize(body), cancellationToken).ConfigureAwait(false);

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(requestFile);
        // encodeBatch runs on rayon's pool: as many threads as our workers.
        start.Environment["RAYON_NUM_THREADS"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["TOKENIZERS_PARALLELISM"] = "true";
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return PeerResults.Skipped($"skipped: node could not be started ({e.Message})");
        }
        if (process is null)
            return PeerResults.Skipped("skipped: node could not be started");
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var text = await output.ConfigureAwait(false);
            if (process.ExitCode != 0)
                return PeerResults.Skipped($"skipped: peers.mjs failed ({process.ExitCode}): {(await error.ConfigureAwait(false)).Trim().Split('\n')[0]}");
            return JsonSerializer.Deserialize<PeerResults>(text) ?? PeerResults.Skipped("skipped: peers.mjs printed nothing");
        }
    }
}
