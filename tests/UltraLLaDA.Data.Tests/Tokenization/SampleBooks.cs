using System.Text;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>Reads a PG19 sample book the way make-golden.mjs does: UTF-8, leading BOM removed.</summary>
internal static class SampleBooks
{
    public static string Read(string relativePath)
    {
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(File.ReadAllBytes(Path.Combine(TestPaths.Pg19SamplePath, relativePath)));
        return text.StartsWith('\uFEFF') ? text[1..] : text;
    }
}
