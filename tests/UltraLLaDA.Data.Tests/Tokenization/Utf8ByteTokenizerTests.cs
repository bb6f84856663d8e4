using System.Text;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Tests.Tokenization;

public class Utf8ByteTokenizerTests
{
    [Fact]
    public void The_bytes_built_in_gives_one_id_per_utf8_byte_and_round_trips()
    {
        var tokenizer = TokenizerLoader.Load("bytes");
        Assert.Equal(259, tokenizer.Info.VocabSize);
        Assert.Equal(1, tokenizer.Info.EodId);
        var ids = new TokenBuffer();
        const string text = "Tür <|endoftext|>\r\n";
        tokenizer.Encode(text, ids);
        Assert.Equal(Encoding.UTF8.GetBytes(text).Select(b => (uint)b + 3).ToArray(), ids.ToArray());
        Assert.Equal(text, tokenizer.CreateWorker().Decode(ids.Span));
        Assert.Equal("a<eod><pad>", tokenizer.Decode([100, 1, 0]));
    }

    [Fact]
    public void An_eod_override_cannot_move_its_fixed_eod()
    {
        Assert.Equal(1, TokenizerLoader.Load("bytes", new EodOverride(Id: 1)).Info.EodId);
        var e = Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load("bytes", new EodOverride(Id: 7)));
        Assert.Contains("id 1", e.Message, StringComparison.Ordinal);
    }
}
