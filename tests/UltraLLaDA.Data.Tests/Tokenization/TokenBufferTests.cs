using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Tests.Tokenization;

public class TokenBufferTests
{
    [Fact]
    public void Grows_and_keeps_order()
    {
        var buffer = new TokenBuffer(1);
        for (uint i = 0; i < 1000; i++)
            buffer.Add(i);
        buffer.AddRange(new uint[] { 7, 8 });
        buffer.AddRange(new[] { 9 });
        Assert.Equal(1003, buffer.Count);
        Assert.Equal(999u, buffer.Span[999]);
        Assert.Equal(new uint[] { 7, 8, 9 }, buffer.Span[^3..].ToArray());
        buffer.Clear();
        Assert.Equal(0, buffer.Count);
    }
}
