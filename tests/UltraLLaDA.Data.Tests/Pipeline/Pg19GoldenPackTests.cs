using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Tests.Tokenization;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Pipeline;

/// <summary>
/// The acceptance test: pack ../shared/pg19-sample (txt layout and Parquet) with the real
/// Llama-3 and Qwen3 tokenizer.json files in each layout, rebuild every book's token stream from the
/// shards alone, and compare it with the ids the Hugging Face reference gave for that book's text
/// (BOM removed; golden hashes in TestData/tokenizers/*.golden.json), plus one EOD in layout eod.
/// </summary>
public class Pg19GoldenPackTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var tokenizer in new[] { "llama3", "qwen3" })
        {
            foreach (var source in new[] { "txt", "parquet" })
            {
                foreach (var layout in new[] { "adaptive", "eod", "direct" })
                    data.Add(tokenizer, source, layout);
            }
        }

        return data;
    }

    [RequiresTokenizerTheory("llama3", "qwen3", NeedsSample = true)]
    [MemberData(nameof(Cases))]
    public async Task Every_book_rebuilt_from_the_shards_equals_the_reference_ids(string tokenizerName, string source, string layoutName)
    {
        Assert.True(SequenceLayoutNames.TryParseLayout(layoutName, out var layout));
        var golden = GoldenFile.Load(tokenizerName).Books.ToDictionary(b => b.File);
        var tokenizer = TokenizerLoader.Load(TestPaths.TokenizerJson(tokenizerName));
        var eod = (uint)tokenizer.Info.EodId!.Value;
        using var temp = new TempDirectory();
        var input = source == "txt" ? TestPaths.Pg19SamplePath : Path.Combine(TestPaths.Pg19SamplePath, "train.parquet");
        var documents = DocumentSources.Open(input, "train", layout: source == "txt" ? SourceLayout.Pg19Text : SourceLayout.Parquet);
        var settings = new PackJobSettings
        {
            OutputDirectory = temp.Path,
            Names = new OutputNames("train"),
            Packing = new PackingOptions { Layout = layout, EodId = eod, PadId = eod, Tail = TailPolicy.Pad },
            RecordsPerShard = 16,
            Workers = 2,
        };
        var result = await new PackJob(settings, tokenizer, documents.ReadAsync).RunAsync();

        var streams = ShardStreams.Rebuild(temp.Path, result.Manifest);

        var lines = File.ReadAllLines(Path.Combine(temp.Path, "documents.jsonl"));
        Assert.Equal(21, lines.Length);
        var matched = 0;
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var doc = json.RootElement.GetProperty("doc").GetUInt64();
            var url = json.RootElement.GetProperty("url").GetString()!;
            var book = golden[$"train/{url[(url.LastIndexOf('/') + 1)..]}.txt"];
            var ids = streams[doc];
            if (layout == SequenceLayout.Eod)
            {
                Assert.Equal(eod, ids[^1]);
                ids = ids[..^1];
            }

            Assert.DoesNotContain(eod, ids);
            Assert.Equal(book.Count, ids.Count);
            Assert.Equal(book.Sha256, Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(ids.ToArray().AsSpan()))));
            matched++;
        }

        Assert.Equal(21, matched);
    }

    public static TheoryData<string, string> ReferenceCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var split in new[] { "train", "validation", "test" })
        {
            foreach (var layout in new[] { "adaptive", "eod", "direct" })
                data.Add(split, layout);
        }

        return data;
    }

    /// <summary>
    /// concat's records must not change under a refactor: each split of the PG-19 sample packed with
    /// the built-in o200k_base tokenizer at seq_len 8192 gives exactly the shard files, documents table,
    /// tokens, segment ids and segment tables recorded before the architecture issue
    /// (TestData/reference/concat-8192.json). To record them anew, run with ULDS_RECORD_REFERENCE=1 on the
    /// code whose bytes are the reference.
    /// </summary>
    [RequiresTokenizerTheory(NeedsSample = true)]
    [MemberData(nameof(ReferenceCases))]
    public Task Concat_records_of_the_sample_equal_the_hashes_recorded_before_the_refactor(string split, string layout) =>
        PackAndCompareWithReference("pg19-sample", TestPaths.Pg19SamplePath, split, layout);

    /// <summary>The same for samples/pg19-mini, which is always there.</summary>
    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public Task Concat_records_of_the_mini_sample_equal_the_hashes_recorded_before_the_refactor(string split, string layout) =>
        PackAndCompareWithReference("pg19-mini", Path.Combine(TestPaths.RepoRoot, "samples", "pg19-mini"), split, layout);

    private static async Task PackAndCompareWithReference(string corpus, string input, string split, string layoutName)
    {
        Assert.True(SequenceLayoutNames.TryParseLayout(layoutName, out var layout));
        var tokenizer = TokenizerLoader.Load(null);
        var eod = (uint)tokenizer.Info.EodId!.Value;
        using var temp = new TempDirectory();
        var documents = DocumentSources.Open(input, split, layout: SourceLayout.Pg19Text);
        var settings = new PackJobSettings
        {
            OutputDirectory = temp.Path,
            Names = new OutputNames(split),
            Packing = new PackingOptions { SeqLen = 8192, Layout = layout, EodId = eod, PadId = eod, Tail = TailPolicy.Pad },
            RecordsPerShard = 64,
            Workers = 2,
        };
        var result = await new PackJob(settings, tokenizer, documents.ReadAsync).RunAsync();
        var actual = PackFingerprint.Of(temp.Path, result.Manifest);

        var key = $"{corpus}/{split}/{layoutName}";
        if (Environment.GetEnvironmentVariable("ULDS_RECORD_REFERENCE") == "1")
        {
            ReferenceHashes.Record(key, actual);
            return;
        }

        var expected = ReferenceHashes.Load().GetValueOrDefault(key);
        Assert.True(expected is not null, $"no reference recorded for {key} in {ReferenceHashes.FileName}");
        Assert.Equal(expected.Files, actual.Files);
        Assert.Equal(expected.Tokens, actual.Tokens);
        Assert.Equal(expected.SegmentIds, actual.SegmentIds);
        Assert.Equal(expected.Segments, actual.Segments);
    }
}
