namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>Why a test that needs fetched tokenizers (and maybe the PG-19 sample) cannot run here, or null when it can.</summary>
internal static class TokenizerRequirements
{
    public static string? SkipReason(IEnumerable<string> tokenizers, bool needsSample)
    {
        foreach (var name in tokenizers)
        {
            if (!File.Exists(TestPaths.TokenizerJson(name)))
                return $"{TestPaths.TokenizerJson(name)} is missing: run `bash .ci/fetch-tokenizers.sh`";
        }

        if (needsSample && !Directory.Exists(Path.Combine(TestPaths.Sample, "train")))
            return $"{TestPaths.Sample} is missing";
        return null;
    }
}
