namespace UltraLLaDA.Data.Output;

/// <summary>
/// Every step that changes a split folder on disk: creating a file, writing a batch of bytes to it,
/// flushing it to disk, renaming and deleting files, taking the folder's lock. The pack job, its shard
/// writers, the documents table, the manifests, the Megatron blend and merge-manifests all change the
/// folder only through here, so a test can stop a job right after any step as a kill would (see
/// docs/crash-consistency.md). <see cref="DiskFileSystemSteps"/> does the real operations.
/// </summary>
public interface IFileSystemSteps
{
    /// <summary>Creates (or replaces) <paramref name="path"/> for writing; each write to the stream is one step.</summary>
    Stream Create(string path, FileShare share, int bufferSize, FileOptions options = FileOptions.None);

    /// <summary>Opens an existing file for writing, cut to its first <paramref name="length"/> bytes and positioned at its end.</summary>
    Stream OpenTruncated(string path, long length, FileShare share);

    /// <summary>Pushes what was written to <paramref name="stream"/> (made here) to the disk: after it, a power loss keeps those bytes.</summary>
    void FlushToDisk(Stream stream);

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/>, replacing it (atomic on one file system).</summary>
    void Move(string source, string destination);

    /// <summary>Deletes <paramref name="path"/> if it is there.</summary>
    void Delete(string path);

    /// <summary>Opens (creating if needed) the lock file at <paramref name="path"/>, held with no sharing.</summary>
    FileStream OpenLock(string path);
}
