using System.Text;
using CsCheck;
using UltraLLaDA.Data.Sources;

namespace UltraLLaDA.Data.Tests.Sources;

public class Utf8TextDecoderTests
{
    [Fact]
    public void Valid_text_is_decoded_unchanged_and_a_BOM_is_kept()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "Grüße\r\n𝄞"u8];
        Assert.Equal("\uFEFFGrüße\r\n𝄞", Utf8TextDecoder.Decode(bytes, out int invalid));
        Assert.Equal(0, invalid);
    }

    [Fact]
    public void Invalid_sequences_become_one_replacement_each_and_are_counted()
    {
        byte[] bytes = [.. "Bad "u8, 0xFF, .. " bytes "u8, 0xC3, .. " here"u8, 0xE2, 0x82];
        Assert.Equal("Bad \uFFFD bytes \uFFFD here\uFFFD", Utf8TextDecoder.Decode(bytes, out int invalid));
        Assert.Equal(3, invalid);
    }

    [Fact]
    public void Decodes_like_Encoding_UTF8_and_counts_the_replacements_it_makes()
    {
        // Random bytes, valid text, and the invalid forms decoders disagree on most (truncated, surrogate, overlong, too large).
        byte[][] awkward = [[0xF0, 0x9F], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBF, 0xBD]];
        var pieces = Gen.OneOf<byte[]>(
            Gen.Byte.Array[0, 8],
            Gen.String.Select(s => Encoding.UTF8.GetBytes(s)),
            Gen.OneOf(awkward));
        pieces.Array[0, 12].Select(p => p.SelectMany(b => b).ToArray()).Sample(bytes =>
        {
            string decoded = Utf8TextDecoder.Decode(bytes, out int invalid);
            string expected = Encoding.UTF8.GetString(bytes);
            Assert.Equal(expected, decoded);
            int replacementsInInput = CountValidReplacementChars(bytes);
            Assert.Equal(decoded.Count(c => c == '\uFFFD') - replacementsInInput, invalid);
        });
    }

    private static int CountValidReplacementChars(ReadOnlySpan<byte> bytes)
    {
        int count = 0;
        for (int i = bytes.IndexOf("\uFFFD"u8); i >= 0; i = bytes.IndexOf("\uFFFD"u8))
        {
            count++;
            bytes = bytes[(i + 3)..];
        }

        return count;
    }
}
