namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>
/// RULER's templates and answer prefixes (scripts/data/synthetic/constants.py), each template followed by its answer
/// prefix as RULER's prepare.py joins them for a base model; {context} is where the haystack or list goes.
/// </summary>
internal static class RulerTemplates
{
    public const string Context = "{context}";

    public const string Niah = "Some special magic {type_needle_v} are hidden within the following text. Make sure to memorize it. I will quiz you about the {type_needle_v} afterwards.\n{context}\nWhat are all the special magic {type_needle_v} for {query} mentioned in the provided text? The special magic {type_needle_v} for {query} mentioned in the provided text are";

    public const string Needle = "One of the special magic {type_needle_v} for {key} is: {value}.";

    public const string Noise = "The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again.";

    // "assgined" is RULER's spelling; kept so prompts are RULER's.
    public const string VariableTracking = "Memorize and track the chain(s) of variable assignment hidden in the following text.\n\n{context}\nQuestion: Find all variables that are assigned the value {query} in the text above. Answer: According to the chain(s) of variable assignment in the text above, {num_v} variables are assgined the value {query}, they are: ";

    public const string CommonWords = "Below is a numbered list of words. In these words, some appear more often than others. Memorize the ones that appear most often.\n{context}\nQuestion: What are the 10 most common words in the above list? Answer: The top 10 words that appear most often in the list are:";

    public const string FrequentWords = "Read the following coded text and track the frequency of each coded word. Find the three most frequently appeared coded words. {context}\nQuestion: Do not provide any explanation. Please ignore the dots '....'. What are the three most frequently appeared words in the above coded text? Answer: According to the coded text above, the three most frequently appeared words are:";

    public const string Qa = "Answer the question based on the given documents. Only give me the answer and do not output any other words.\n\nThe following are given documents.\n\n{context}\n\nAnswer the question based on the given documents. Only give me the answer and do not output any other words.\n\nQuestion: {query} Answer:";

    public const string QaDocument = "Document {i}:\n{document}";

    /// <summary>The text before and after {context}.</summary>
    public static (string Before, string After) Split(string filled)
    {
        var at = filled.IndexOf(Context, StringComparison.Ordinal);
        return (filled[..at], filled[(at + Context.Length)..]);
    }
}
