namespace UltraLLaDA.Data.Tokenization.Bpe;

/// <summary>
/// GPT-2's byte-to-character table ("bytes_to_unicode"): byte-level BPE vocabularies spell every
/// raw byte as one printable character so that tokens are valid strings in tokenizer.json.
/// Printable Latin-1 bytes stand for themselves; the other 68 bytes map to U+0100 upwards in order.
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly short[] _charToByte = BuildCharToByte(BuildByteToChar());

    /// <summary>The raw byte a vocabulary character stands for, or -1 when it is not in the alphabet.</summary>
    public static int ToByte(char c) => c < _charToByte.Length ? _charToByte[c] : -1;

    /// <summary>
    /// Turns a byte-level vocabulary string back into raw bytes; false when some character is not in
    /// the alphabet (e.g. a special token stored verbatim in the vocabulary).
    /// </summary>
    public static bool TryDecode(string token, out byte[] bytes)
    {
        bytes = new byte[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            var b = ToByte(token[i]);
            if (b < 0)
                return false;
            bytes[i] = (byte)b;
        }
        return true;
    }

    private static char[] BuildByteToChar()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? (char)b : (char)next++;
        }
        return table;
    }

    private static short[] BuildCharToByte(char[] byteToChar)
    {
        var table = new short[512];
        Array.Fill(table, (short)-1);
        for (var b = 0; b < 256; b++)
            table[byteToChar[b]] = (short)b;
        return table;
    }
}
