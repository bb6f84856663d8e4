using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Native;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Native;

/// <summary>Reading a libtorch folder's version and the checks ULTRALLADA_LIBTORCH goes through (nothing is loaded here).</summary>
public class LibTorchFolderTests
{
    private const string Expected = "2.10.0";

    [Fact]
    public void An_installed_PyTorch_is_read_from_torch_version_py()
    {
        using var temp = new TempDirectory();
        var lib = FakePyTorch(temp.Path, "2.10.0+cu128");
        var folder = LibTorchFolder.Open(Path.GetDirectoryName(lib)!, "TEST");
        Assert.Equal(lib, folder.LibDirectory);
        Assert.Equal("2.10.0+cu128", folder.Version!.Version);
        Assert.Equal("2.10.0", folder.Version.Release);
        Assert.Equal("cu128", folder.Version.LocalTag);
        Assert.EndsWith("version.py", folder.Version.Source, StringComparison.Ordinal);
        Assert.True(folder.HasCuda);
    }

    [Fact]
    public void A_libtorch_zip_is_read_from_build_version_and_a_NuGet_package_from_its_nuspec()
    {
        using var temp = new TempDirectory();
        var zipLib = Directory.CreateDirectory(temp.Combine("libtorch/lib")).FullName;
        File.WriteAllText(Path.Combine(zipLib, LibTorchFolder.CoreLibrary), "not a library");
        File.WriteAllText(temp.Combine("libtorch/build-version"), "2.10.0+cpu\n");
        Assert.Equal("2.10.0+cpu", LibTorchFolder.Open(temp.Combine("libtorch"), "TEST").Version!.Version);

        var nugetLib = Directory.CreateDirectory(temp.Combine("libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native")).FullName;
        File.WriteAllText(Path.Combine(nugetLib, LibTorchFolder.CoreLibrary), "not a library");
        File.WriteAllText(temp.Combine("libtorch-cpu-linux-x64/2.10.0/libtorch-cpu-linux-x64.nuspec"),
            "<?xml version=\"1.0\"?><package xmlns=\"http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd\"><metadata><id>libtorch-cpu-linux-x64</id><version>2.10.0</version></metadata></package>");
        var marker = LibTorchFolder.ReadVersion(nugetLib)!;
        Assert.Equal("2.10.0", marker.Version);
        Assert.EndsWith(".nuspec", marker.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2.10.0", true)]
    [InlineData("2.10.1+cu126", true)]
    [InlineData("2.9.1+cu128", false)]
    [InlineData("2.1.0", false)]
    [InlineData("1.13.1", false)]
    [InlineData("garbage", false)]
    public void A_version_matches_on_major_and_minor(string version, bool matches) =>
        Assert.Equal(matches, new LibTorchVersionMarker(version, "x").Matches(Expected));

    [Fact]
    public void A_libtorch_of_another_version_is_refused_naming_the_folder_the_version_and_where_it_was_read()
    {
        using var temp = new TempDirectory();
        var lib = FakePyTorch(temp.Path, "2.9.1+cu128");
        var e = Assert.Throws<TrainingConfigException>(() => ExternalLibTorch.Check(lib, "external", Expected, temp.Combine("app")));
        Assert.Contains($"ULTRALLADA_LIBTORCH={lib}", e.Message, StringComparison.Ordinal);
        Assert.Contains("libtorch 2.9.1+cu128", e.Message, StringComparison.Ordinal);
        Assert.Contains("version.py", e.Message, StringComparison.Ordinal);
        Assert.Contains("needs 2.10.x", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_a_version_marker_or_without_libtorch_or_missing_is_refused()
    {
        using var temp = new TempDirectory();
        var bare = Directory.CreateDirectory(temp.Combine("bare/lib")).FullName;
        File.WriteAllText(Path.Combine(bare, LibTorchFolder.CoreLibrary), "not a library");
        var unknown = Assert.Throws<TrainingConfigException>(() => ExternalLibTorch.Check(bare, "external", Expected, temp.Path));
        Assert.Contains("cannot tell which libtorch", unknown.Message, StringComparison.Ordinal);

        var empty = Directory.CreateDirectory(temp.Combine("empty")).FullName;
        var none = Assert.Throws<TrainingConfigException>(() => ExternalLibTorch.Check(empty, "external", Expected, temp.Path));
        Assert.Contains("holds no libtorch_cpu.so", none.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<TrainingConfigException>(() => ExternalLibTorch.Check(temp.Combine("nope"), "external", Expected, temp.Path));
        Assert.Contains("no such folder", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_right_version_passes_on_an_external_build_and_is_refused_by_a_build_carrying_its_own_libtorch()
    {
        using var temp = new TempDirectory();
        var lib = FakePyTorch(temp.Path, "2.10.0+cu128");
        var bareApp = Directory.CreateDirectory(temp.Combine("app")).FullName;
        Assert.Equal(lib, ExternalLibTorch.Check(lib, "external", Expected, bareApp)!.LibDirectory);

        var carryingApp = Directory.CreateDirectory(temp.Combine("app-cpu/runtimes/linux-x64/native")).FullName;
        File.WriteAllText(Path.Combine(carryingApp, LibTorchFolder.CoreLibrary), "not a library");
        var twice = Assert.Throws<TrainingConfigException>(() => ExternalLibTorch.Check(lib, "cpu", Expected, temp.Combine("app-cpu")));
        Assert.Contains("carries its own libtorch", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_variable_an_external_build_with_no_libtorch_says_how_to_give_one_and_other_builds_use_their_own()
    {
        using var temp = new TempDirectory();
        var e = Assert.Throws<TrainingConfigException>(() => ExternalLibTorch.Check(null, "external", Expected, temp.Path));
        Assert.Contains("set ULTRALLADA_LIBTORCH", e.Message, StringComparison.Ordinal);
        Assert.Null(ExternalLibTorch.Check(null, "cpu", Expected, temp.Path));
        Assert.Null(ExternalLibTorch.Check("", "cuda", Expected, temp.Path));
    }

    /// <summary>site-packages/torch/{version.py, lib/libtorch_cpu.so, lib/libtorch_cuda.so} with fake libraries; returns torch/lib.</summary>
    internal static string FakePyTorch(string root, string version)
    {
        var lib = Directory.CreateDirectory(Path.Combine(root, "site-packages", "torch", "lib")).FullName;
        File.WriteAllText(Path.Combine(lib, LibTorchFolder.CoreLibrary), "not a library");
        File.WriteAllText(Path.Combine(lib, "libtorch_cuda.so"), "not a library");
        File.WriteAllText(Path.Combine(root, "site-packages", "torch", "version.py"),
            $"from typing import Optional\n\n__all__ = ['__version__', 'debug', 'cuda', 'git_version', 'hip']\n__version__ = '{version}'\ndebug = False\ncuda: Optional[str] = '12.8'\n");
        return lib;
    }
}
