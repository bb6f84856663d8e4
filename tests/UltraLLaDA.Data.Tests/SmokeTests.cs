using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Tests;

public class TokenBufferTests
{
    [Fact]
    public void Grows_and_keeps_order()
    {
        var buffer = new TokenBuffer(1);
        for (uint i = 0; i < 1000; i++)
            buffer.Add(i);
        buffer.AddRange(new uint[] { 7, 8 });
        Assert.Equal(1002, buffer.Count);
        Assert.Equal(999u, buffer.Span[999]);
        Assert.Equal(8u, buffer.Span[^1]);
        buffer.Clear();
        Assert.Equal(0, buffer.Count);
    }
}
