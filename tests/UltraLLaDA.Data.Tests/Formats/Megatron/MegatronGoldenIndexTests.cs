using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Formats.Megatron;

/// <summary>The byte layout, checked against files worked out by hand from indexed_dataset.py.</summary>
public class MegatronGoldenIndexTests
{
    [Fact]
    public void Two_uint16_documents_give_the_hand_computed_idx_and_bin()
    {
        using var temp = new TempDirectory();
        var summary = MegatronTestData.Write(temp.File("tiny"), MegatronDType.UInt16, [[5, 6, 7], [8, 65_535]]);

        byte[] expectedIndex =
        [
            (byte)'M', (byte)'M', (byte)'I', (byte)'D', (byte)'I', (byte)'D', (byte)'X', 0, 0, // _INDEX_HEADER
            1, 0, 0, 0, 0, 0, 0, 0, // version, <Q
            8, // DType.uint16
            2, 0, 0, 0, 0, 0, 0, 0, // sequence_count, <Q
            3, 0, 0, 0, 0, 0, 0, 0, // document_count = len(document_indices), <Q
            3, 0, 0, 0, 2, 0, 0, 0, // sequence_lengths, int32
            0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, // sequence_pointers, int64: 0, 3 tokens x 2 bytes
            0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, // document_indices, int64: [0] + one per add_document
        ];
        byte[] expectedData = [5, 0, 6, 0, 7, 0, 8, 0, 0xFF, 0xFF];

        Assert.Equal(expectedIndex, File.ReadAllBytes(summary.Index.Path));
        Assert.Equal(expectedData, File.ReadAllBytes(summary.Data.Path));
    }

    [Fact]
    public void An_int32_document_is_stored_as_little_endian_int32()
    {
        using var temp = new TempDirectory();
        var summary = MegatronTestData.Write(temp.File("wide"), MegatronDType.Int32, [[0x01020304, 200_000]]);
        var index = File.ReadAllBytes(summary.Index.Path);
        Assert.Equal(4, index[17]); // DType.int32
        Assert.Equal(MegatronIndexLayout.IndexSize(1, 2), index.Length);
        Assert.Equal([4, 3, 2, 1, 0x40, 0x0D, 0x03, 0], File.ReadAllBytes(summary.Data.Path));
    }

    [Fact]
    public void No_documents_give_a_valid_empty_dataset()
    {
        using var temp = new TempDirectory();
        var summary = MegatronTestData.Write(temp.File("empty"), MegatronDType.UInt16, []);
        Assert.Equal(MegatronIndexLayout.HeaderSize + 8, summary.Index.Bytes);
        Assert.Equal(0, summary.Data.Bytes);
        using var dataset = MegatronDataset.Open(temp.File("empty"));
        Assert.Equal(0, dataset.Count);
        Assert.Equal(0, dataset.Index.DocumentCount);
    }
}
