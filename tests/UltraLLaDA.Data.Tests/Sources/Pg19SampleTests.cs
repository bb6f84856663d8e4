using System.Text;
using UltraLLaDA.Data.Sources;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Sources;

/// <summary>
/// The real PG-19 sample (see its SOURCE.md): 25 books as Parquet (HF schema, written by DuckDB) and as the
/// original txt layout. Skipped where the sample is absent.
/// </summary>
public class Pg19SampleTests
{
    private static string Sample => TestPaths.Pg19Sample!;

    [Pg19SampleFact]
    public async Task Splits_hold_21_2_and_2_books_in_both_layouts()
    {
        foreach (var layout in new[] { SourceLayout.Parquet, SourceLayout.Pg19Text })
        {
            Assert.Equal(["train", "validation", "test"], DocumentSources.ListSplits(Sample, layout));
            foreach (var (split, count) in new[] { ("train", 21), ("validation", 2), ("test", 2) })
            {
                var source = DocumentSources.Open(Sample, split, layout: layout);
                Assert.Equal(count, (await source.ReadAllAsync()).Count);
                Assert.Equal(count, await source.CountDocumentsAsync());
            }
        }

        Assert.Equal(SourceLayout.Parquet, DocumentSources.Open(Sample, "train").Layout); // Parquet wins detection
    }

    [Pg19SampleFact]
    public async Task Parquet_and_txt_give_identical_texts_and_metadata_for_every_book()
    {
        foreach (string split in new[] { "train", "validation", "test" })
        {
            var parquet = (await DocumentSources.Open(Sample, split).ReadAllAsync()).ToDictionary(d => d.Id!);
            var txt = (await DocumentSources.Open(Sample, split, layout: SourceLayout.Pg19Text).ReadAllAsync()).ToDictionary(d => d.Id!);

            Assert.Equal(parquet.Keys.Order(), txt.Keys.Order());
            foreach (var (id, fromParquet) in parquet)
            {
                var fromTxt = txt[id];
                Assert.True(fromParquet.Text == fromTxt.Text, $"book {id}: texts differ between Parquet and txt");
                Assert.Equal((fromParquet.Title, fromParquet.Url, fromParquet.PublicationDate), (fromTxt.Title, fromTxt.Url, fromTxt.PublicationDate));

                // Exact decoding: the text is the file's bytes, less a leading BOM.
                byte[] bytes = File.ReadAllBytes(Path.Combine(Sample, split, id + ".txt"));
                int bom = bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]) ? 3 : 0;
                Assert.True(bytes.AsSpan(bom).SequenceEqual(Encoding.UTF8.GetBytes(fromTxt.Text!)), $"book {id}: text is not the file's bytes");
            }
        }
    }

    [Pg19SampleFact]
    public async Task Twelve_BOMs_are_removed_and_line_ends_kept()
    {
        foreach (var layout in new[] { SourceLayout.Parquet, SourceLayout.Pg19Text })
        {
            long boms = 0, utf8Bytes = 0;
            var texts = new Dictionary<string, string>();
            foreach (string split in new[] { "train", "validation", "test" })
            {
                var source = DocumentSources.Open(Sample, split, layout: layout);
                foreach (var document in await source.ReadAllAsync())
                {
                    Assert.False(document.Text!.StartsWith('\uFEFF'), $"{document.Id} still starts with a BOM");
                    utf8Bytes += Encoding.UTF8.GetByteCount(document.Text);
                    texts[document.Id!] = document.Text;
                }

                boms += source.Stats.BomsRemoved;
                Assert.Equal(0, source.Stats.InvalidUtf8Sequences);
                Assert.Equal(0, source.Stats.DocumentsWithoutMetadata);
            }

            Assert.Equal(12, boms);
            Assert.Equal(11_915_434 - (12 * 3), utf8Bytes); // SOURCE.md's total, less 3 bytes per BOM
            Assert.DoesNotContain('\r', texts["1952"]); // LF only
            Assert.Contains("\r\n", texts["84"], StringComparison.Ordinal);
        }
    }

    [Pg19SampleFact]
    public async Task Titles_dates_and_urls_come_through()
    {
        foreach (var layout in new[] { SourceLayout.Parquet, SourceLayout.Pg19Text })
        {
            var train = (await DocumentSources.Open(Sample, "train", layout: layout).ReadAllAsync()).ToDictionary(d => d.Id!);
            Assert.Equal("Frankenstein; Or, The Modern Prometheus", train["84"].Title);
            Assert.Equal(1818, train["84"].PublicationDate);
            Assert.Equal("http://www.gutenberg.org/ebooks/84", train["84"].Url);
            Assert.Null(train["996"].PublicationDate);
            Assert.Equal("Don Quixote", train["996"].Title);
            Assert.All(train.Values.Where(d => d.Id != "996"), d => Assert.NotNull(d.PublicationDate));
        }
    }

    [Pg19SampleFact]
    public async Task Edge_parquet_has_an_empty_a_null_and_a_German_text()
    {
        foreach (var source in new[] { DocumentSources.Open(Sample, "edge"), DocumentSources.Open(Path.Combine(Sample, "edge.parquet"), "any") })
        {
            var documents = await source.ReadAllAsync();

            Assert.Equal(3, documents.Count);
            Assert.Equal(("", "A Princess of Mars", 1917, "62"), (documents[0].Text, documents[0].Title, documents[0].PublicationDate, documents[0].Id));
            Assert.Null(documents[1].Text);
            Assert.Null(documents[1].PublicationDate);
            Assert.Equal("Around the World in Eighty Days", documents[1].Title);

            string german = documents[2].Text!;
            Assert.Equal(("Die Verwandlung", 1915, "22367"), (documents[2].Title, documents[2].PublicationDate, documents[2].Id));
            Assert.Equal(145_879, Encoding.UTF8.GetByteCount(german));
            Assert.Equal(2_526, german.Count(c => c > 0x7F));
            Assert.DoesNotContain('\uFFFD', german);
            Assert.All(new[] { "ä", "ö", "ü", "ß", "Gregor Samsa" }, s => Assert.Contains(s, german, StringComparison.Ordinal));
            Assert.Equal((1L, 1L, 0L), (source.Stats.EmptyTexts, source.Stats.NullTexts, source.Stats.BomsRemoved));
        }
    }

    [Pg19SampleFact]
    public async Task Partitions_0_of_2_and_1_of_2_together_give_every_ordinal_once()
    {
        foreach (var layout in new[] { SourceLayout.Parquet, SourceLayout.Pg19Text })
        {
            var whole = await DocumentSources.Open(Sample, "train", layout: layout).ReadAllAsync();
            var first = await DocumentSources.Open(Sample, "train", PartitionSpec.Parse("0/2"), layout).ReadAllAsync();
            var second = await DocumentSources.Open(Sample, "train", PartitionSpec.Parse("1/2"), layout).ReadAllAsync();

            var ordinals = first.Concat(second).Select(d => d.Ordinal).Order().ToList();
            Assert.Equal(Enumerable.Range(0, 21).Select(i => (long)i), ordinals);
            Assert.All(first.Concat(second), d => Assert.Equal(whole[(int)d.Ordinal].Id, d.Id));
        }
    }

    [Pg19SampleFact]
    public async Task Resuming_mid_split_gives_the_rest()
    {
        foreach (var layout in new[] { SourceLayout.Parquet, SourceLayout.Pg19Text })
        {
            var whole = await DocumentSources.Open(Sample, "train", layout: layout).ReadAllAsync();
            var rest = await DocumentSources.Open(Sample, "train", layout: layout).ReadAllAsync(startOrdinal: 17);
            Assert.Equal(whole.Skip(17).Select(d => (d.Ordinal, d.Id)), rest.Select(d => (d.Ordinal, d.Id)));
        }
    }
}
