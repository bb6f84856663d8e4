using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Formats.Megatron;

public class MegatronRoundTripTests
{
    [Theory]
    [InlineData(MegatronDType.UInt16, 65_499u)]
    [InlineData(MegatronDType.Int32, 200_000u)]
    public void Every_document_reads_back_as_written_with_the_summary_describing_the_files(MegatronDType dtype, uint maxId)
    {
        using var temp = new TempDirectory();
        // Empty, one token, and one longer than the writer's 32K-token conversion chunk.
        var documents = MegatronTestData.Documents(3, maxId, 5, 0, 1, 70_000, 17, 65_536);
        documents[2][0] = maxId;
        var summary = MegatronTestData.Write(temp.File("train_text_document"), dtype, documents);

        Assert.Equal(documents.Length, summary.Documents);
        Assert.Equal(documents.Sum(d => (long)d.Length), summary.Tokens);
        Assert.Equal(dtype, summary.DType);
        foreach (var file in new[] { summary.Data, summary.Index })
        {
            Assert.Equal(new FileInfo(file.Path).Length, file.Bytes);
            Assert.Equal(MegatronTestData.Sha256(file.Path), file.Sha256);
        }

        Assert.Equal(summary.Tokens * MegatronDTypes.Size(dtype), summary.Data.Bytes);
        Assert.Equal(["train_text_document.bin", "train_text_document.idx"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        using var dataset = MegatronDataset.Open(temp.File("train_text_document"));
        Assert.Equal(dtype, dataset.Index.DType);
        Assert.Equal(documents.Length, dataset.Count);
        Assert.Equal(documents.Length, dataset.Index.DocumentCount);
        Assert.Equal(Enumerable.Range(0, documents.Length + 1).Select(i => (long)i), dataset.Index.DocumentIndices);
        for (var i = 0; i < documents.Length; i++)
            Assert.Equal(documents[i], dataset.Read(i));
    }

    [Fact]
    public void The_same_documents_give_the_same_bytes()
    {
        using var temp = new TempDirectory();
        var documents = MegatronTestData.Documents(11, 50_000, 300, 2, 9_000);
        var first = MegatronTestData.Write(temp.File("a"), MegatronDType.UInt16, documents);
        var second = MegatronTestData.Write(temp.File("b"), MegatronDType.UInt16, documents);
        Assert.Equal(File.ReadAllBytes(first.Data.Path), File.ReadAllBytes(second.Data.Path));
        Assert.Equal(File.ReadAllBytes(first.Index.Path), File.ReadAllBytes(second.Index.Path));
    }

    [Theory]
    [InlineData(100, MegatronDType.UInt16)]
    [InlineData(65_499, MegatronDType.UInt16)]
    [InlineData(65_500, MegatronDType.Int32)]
    [InlineData(128_256, MegatronDType.Int32)]
    public void The_token_dtype_follows_megatrons_rule(int vocabSize, MegatronDType expected) =>
        Assert.Equal(expected, MegatronDTypes.ForVocabulary(vocabSize));
}
