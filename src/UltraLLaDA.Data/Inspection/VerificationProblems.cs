using System.Collections.Concurrent;

namespace UltraLLaDA.Data.Inspection;

/// <summary>Where verify's checkers put what they find; worker threads add concurrently, the report sorts.</summary>
internal sealed class VerificationProblems
{
    private readonly ConcurrentBag<VerificationProblem> _problems = [];

    public void Add(string file, long? record, string message) => _problems.Add(new VerificationProblem(file, record, message));

    public void Add(VerificationProblem problem) => _problems.Add(problem);

    /// <summary>Every problem, sorted by file, record and message, so a report does not depend on thread timing.</summary>
    public List<VerificationProblem> Sorted()
    {
        var problems = _problems.ToList();
        problems.Sort();
        return problems;
    }
}
