namespace UltraLLaDA.Data.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ulds-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The full path of a file directly in the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="relativePath"/>, creating folders; returns the full path.</summary>
    public string Write(string relativePath, byte[] bytes)
    {
        string full = Combine(relativePath);
        System.IO.File.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>Writes UTF-8 text (no BOM) exactly as given.</summary>
    public string Write(string relativePath, string text) => Write(relativePath, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>The full path of <paramref name="relativePath"/>, with its folder created.</summary>
    public string Combine(string relativePath)
    {
        string full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; a failed cleanup must not fail a test.
        }
    }
}
