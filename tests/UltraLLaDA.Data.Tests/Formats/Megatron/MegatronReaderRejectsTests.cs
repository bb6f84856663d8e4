using System.Buffers.Binary;
using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Formats.Megatron;

/// <summary>A damaged .idx or .bin is refused with an error naming the file and what is wrong.</summary>
public class MegatronReaderRejectsTests
{
    // The valid pair the damage starts from: [5, 6, 7] and [8, 9] as uint16 (an 82-byte .idx).
    private const int Sizes = MegatronIndexLayout.HeaderSize;
    private const int Pointers = Sizes + (2 * 4);
    private const int DocumentIndex = Pointers + (2 * 8);

    public static TheoryData<string, string> IndexDamage => new()
    {
        { "truncated header", "shorter than the 34-byte header" },
        { "magic", "does not start with the Megatron index magic" },
        { "version", "index version 2; only version 1 exists" },
        { "unknown dtype", "dtype code 9 is not one of Megatron's codes" },
        { "float dtype", "dtype float32 (code 7) cannot hold token ids" },
        { "sequence count", "but 3 sequences and 3 document-index entries need 94 bytes" },
        { "trailing byte", "is 83 bytes, but 2 sequences and 3 document-index entries need 82 bytes" },
        { "huge count", "but 18446744073709551615 sequences" },
        { "negative length", "sequence 0: length -1 is negative" },
        { "length against pointer", "sequence 1: byte pointer 6 does not follow from the sizes before it (expected 8)" },
        { "pointer", "sequence 1: byte pointer 7 does not follow" },
        { "document index start", "document index entry 0 is 1; it must be 0" },
        { "document index decreasing", "document index entry 2 is 0, less than entry 1 (1)" },
        { "document index beyond", "document index entry 2 is 5, beyond the 2 sequences" },
        { "document index end", "the document index ends at 1, not at the sequence count 2" },
    };

    [Theory]
    [MemberData(nameof(IndexDamage))]
    public void A_damaged_idx_is_refused_naming_the_file_and_the_problem(string damage, string problem)
    {
        using var temp = new TempDirectory();
        var prefix = Valid(temp);
        var path = MegatronIndexLayout.IndexPath(prefix);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, Damage(bytes, damage));

        var e = Assert.Throws<MegatronFormatException>(() => MegatronDataset.Open(prefix));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, "is 9 bytes, but its index (pair.idx) lists 5 uint16 tokens = 10 bytes")]
    [InlineData(2, "is 12 bytes, but its index (pair.idx) lists 5 uint16 tokens = 10 bytes")]
    public void A_bin_of_the_wrong_size_is_refused_naming_it(int change, string problem)
    {
        using var temp = new TempDirectory();
        var prefix = Valid(temp);
        var path = MegatronIndexLayout.DataPath(prefix);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, change < 0 ? bytes[..^1] : [.. bytes, .. new byte[change]]);

        var e = Assert.Throws<MegatronFormatException>(() => MegatronDataset.Open(prefix));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".bin", "cannot open")]
    [InlineData(".idx", "cannot read")]
    public void A_missing_file_of_the_pair_is_named(string extension, string problem)
    {
        using var temp = new TempDirectory();
        var prefix = Valid(temp);
        File.Delete(prefix + extension);
        var e = Assert.Throws<MegatronFormatException>(() => MegatronDataset.Open(prefix));
        Assert.Equal(prefix + extension, e.FilePath);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_int32_token_is_refused_naming_the_sequence()
    {
        using var temp = new TempDirectory();
        var prefix = temp.File("neg");
        MegatronTestData.Write(prefix, MegatronDType.Int32, [[1, 2], [3, 4]]);
        var bin = File.ReadAllBytes(prefix + ".bin");
        BinaryPrimitives.WriteInt32LittleEndian(bin.AsSpan(12), -5);
        File.WriteAllBytes(prefix + ".bin", bin);

        using var dataset = MegatronDataset.Open(prefix);
        Assert.Equal([1u, 2], dataset.Read(0));
        var e = Assert.Throws<MegatronFormatException>(() => dataset.Read(1));
        Assert.Equal(prefix + ".bin: sequence 1: token 1 is -5, not a token id.", e.Message);
    }

    private static string Valid(TempDirectory temp)
    {
        var prefix = temp.File("pair");
        MegatronTestData.Write(prefix, MegatronDType.UInt16, [[5, 6, 7], [8, 9]]);
        return prefix;
    }

    private static byte[] Damage(byte[] bytes, string damage)
    {
        var span = bytes.AsSpan();
        switch (damage)
        {
            case "truncated header":
                return bytes[..20];
            case "magic":
                span[0] = (byte)'X';
                break;
            case "version":
                BinaryPrimitives.WriteUInt64LittleEndian(span[9..], 2);
                break;
            case "unknown dtype":
                span[17] = 9;
                break;
            case "float dtype":
                span[17] = 7;
                break;
            case "sequence count":
                BinaryPrimitives.WriteUInt64LittleEndian(span[18..], 3);
                break;
            case "trailing byte":
                return [.. bytes, 0];
            case "huge count":
                BinaryPrimitives.WriteUInt64LittleEndian(span[18..], ulong.MaxValue);
                break;
            case "negative length":
                BinaryPrimitives.WriteInt32LittleEndian(span[Sizes..], -1);
                break;
            case "length against pointer":
                BinaryPrimitives.WriteInt32LittleEndian(span[Sizes..], 4);
                break;
            case "pointer":
                BinaryPrimitives.WriteInt64LittleEndian(span[(Pointers + 8)..], 7);
                break;
            case "document index start":
                BinaryPrimitives.WriteInt64LittleEndian(span[DocumentIndex..], 1);
                break;
            case "document index decreasing":
                BinaryPrimitives.WriteInt64LittleEndian(span[(DocumentIndex + 16)..], 0);
                break;
            case "document index beyond":
                BinaryPrimitives.WriteInt64LittleEndian(span[(DocumentIndex + 16)..], 5);
                break;
            case "document index end":
                BinaryPrimitives.WriteInt64LittleEndian(span[(DocumentIndex + 16)..], 1);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }

        return bytes;
    }
}
