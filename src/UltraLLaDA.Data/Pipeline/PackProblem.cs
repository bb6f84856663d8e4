namespace UltraLLaDA.Data.Pipeline;

/// <summary>What kind of thing stops a pack job, so front ends can add their own advice without reading messages.</summary>
public enum PackProblem
{
    /// <summary>A setting cannot work (<see cref="PackJobException.Setting"/> says which).</summary>
    InvalidSetting,

    /// <summary>The input cannot be read or is not what the job needs.</summary>
    BadInput,

    /// <summary>The output folder holds another job's output; it can be resumed or overwritten.</summary>
    OutputHoldsAnotherJob,

    /// <summary>The output folder holds a job that cannot be resumed (another configuration, or shards without a manifest); it can be overwritten.</summary>
    CannotResume,

    /// <summary>Another job is writing to the same output right now.</summary>
    OutputBusy,

    /// <summary>The output cannot be written.</summary>
    OutputUnwritable,

    /// <summary>A partitioned job's parts cannot be merged yet (a part is missing or unfinished) or do not belong together.</summary>
    PartsNotReady,
}
