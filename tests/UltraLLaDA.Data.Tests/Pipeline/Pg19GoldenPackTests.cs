using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Tests.Tokenization;
using UltraLLaDA.Data.Tokenization;

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
}
