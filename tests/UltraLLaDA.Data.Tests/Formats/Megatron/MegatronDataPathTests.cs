using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Formats.Megatron;

public class MegatronDataPathTests
{
    [Fact]
    public void The_line_is_weight_prefix_pairs_with_token_counts_as_weights()
    {
        Assert.Equal(
            "1200 /data/train-00000_text_document 34 /data/train-00001_text_document",
            MegatronDataPath.Arguments([(1200, "/data/train-00000_text_document"), (34, "/data/train-00001_text_document")]));
    }

    [Fact]
    public void A_prefix_with_whitespace_is_refused_since_megatron_splits_the_list_on_it()
    {
        var e = Assert.Throws<ArgumentException>(() => MegatronDataPath.Arguments([(1, "/my data/train-00000_text_document")]));
        Assert.Contains("'/my data/train-00000_text_document' holds whitespace", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_beside_the_manifest_holds_the_line_with_absolute_prefixes()
    {
        using var temp = new TempDirectory();
        var line = MegatronDataPath.Write(temp.Path, [(10, "train-00000_text_document"), (5, "train-00001_text_document")]);
        var folder = Path.GetFullPath(temp.Path);
        Assert.Equal($"10 {folder}/train-00000_text_document 5 {folder}/train-00001_text_document", line);
        Assert.Equal(line + "\n", File.ReadAllText(temp.File(MegatronDataPath.FileName)));
        Assert.Equal([MegatronDataPath.FileName], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }
}
