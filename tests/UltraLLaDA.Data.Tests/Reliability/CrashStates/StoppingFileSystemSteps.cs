using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Reliability.CrashStates;

/// <summary>
/// The file-system steps of a job, recorded and stopped after the first <c>stopAfter</c> of them as a
/// kill -9 would stop it (ALICE / CrashMonkey style): what was done stays on disk, and every step after
/// throws <see cref="SimulatedCrashException"/> without touching the disk, so no clean-up of the dying
/// job changes anything either. <see cref="LosePower"/> then models a power loss on top: each file
/// this job wrote is cut back to what its last flush to disk made durable.
/// </summary>
public sealed class StoppingFileSystemSteps(long stopAfter = long.MaxValue) : IFileSystemSteps
{
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _durable = new(StringComparer.Ordinal);
    private readonly List<string> _journal = [];

    /// <summary>Steps done so far.</summary>
    public long Steps { get; private set; }

    /// <summary>True once the job reached the step it stops before.</summary>
    public bool Stopped { get; private set; }

    /// <summary>What each step did, in order (for failure messages).</summary>
    public IReadOnlyList<string> Journal
    {
        get
        {
            lock (_gate)
                return _journal.ToList();
        }
    }

    public Stream Create(string path, FileShare share, int bufferSize, FileOptions options = FileOptions.None)
    {
        FileStream? file = null;
        Step($"create {Path.GetFileName(path)}", () =>
        {
            file = new FileStream(path, FileMode.Create, FileAccess.Write, share, 1, options);
            _durable[path] = 0;
        });
        return new StepStream(this, file!, path);
    }

    public Stream OpenTruncated(string path, long length, FileShare share)
    {
        FileStream? file = null;
        Step($"open {Path.GetFileName(path)} cut to {length} bytes", () =>
        {
            file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, share, 1);
            file.SetLength(length);
            file.Seek(length, SeekOrigin.Begin);
            _durable[path] = Math.Min(_durable.GetValueOrDefault(path, length), length);
        });
        return new StepStream(this, file!, path);
    }

    public void FlushToDisk(Stream stream)
    {
        if (stream is not StepStream step)
        {
            stream.Flush();
            return;
        }

        Step($"flush {Path.GetFileName(step.Path)} to disk", () =>
        {
            step.File.Flush(flushToDisk: true);
            _durable[step.Path] = step.File.Length;
        });
    }

    public void Move(string source, string destination) =>
        Step($"rename {Path.GetFileName(source)} -> {Path.GetFileName(destination)}", () =>
        {
            File.Move(source, destination, overwrite: true);
            _durable.Remove(destination);
            if (_durable.Remove(source, out var durable))
                _durable[destination] = durable;
        });

    public void Delete(string path) =>
        Step($"delete {Path.GetFileName(path)}", () =>
        {
            File.Delete(path);
            _durable.Remove(path);
        });

    public FileStream OpenLock(string path)
    {
        FileStream? file = null;
        Step($"lock {Path.GetFileName(path)}", () => file = DiskFileSystemSteps.Instance.OpenLock(path));
        return file!;
    }

    /// <summary>
    /// A power loss after the stop: every file written through these steps loses what was written after
    /// its last flush to disk (renames and deletes are kept). Call once the stopped job has returned.
    /// </summary>
    public void LosePower()
    {
        lock (_gate)
        {
            foreach (var (path, durable) in _durable)
            {
                if (File.Exists(path) && new FileInfo(path).Length > durable)
                {
                    using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                    file.SetLength(durable);
                }
            }
        }
    }

    /// <summary>Does one step, or stops the job before it: the check and the step are one, whatever thread asks.</summary>
    internal void Step(string what, Action act)
    {
        lock (_gate)
        {
            if (!Stopped && Steps >= stopAfter)
                Stopped = true;
            if (Stopped)
                throw new SimulatedCrashException($"stopped after step {Steps} (next would have been: {what})");
            act();
            Steps++;
            _journal.Add(what);
        }
    }
}
