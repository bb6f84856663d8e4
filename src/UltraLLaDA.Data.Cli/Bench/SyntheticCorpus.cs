using System.Globalization;
using System.Reflection;
using System.Text;

namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>
/// A deterministic PG-19-like corpus for benchmarks: books of 40 KB to 2 MB of English-looking prose
/// (real word frequencies from PG-19 books, sentences, paragraphs, CRLF line wrapping at 70 columns,
/// some dialogue, numbers and chapter headings) in the PG-19 txt layout. The same size always gives
/// the same bytes, on any machine.
/// </summary>
internal static class SyntheticCorpus
{
    private static readonly Lazy<(string[] Words, double[] Cumulative)> Vocabulary = new(LoadVocabulary);

    /// <summary>Writes about <paramref name="megabytes"/> MB as <c>folder/train/*.txt</c> + metadata.csv, unless it is already there.</summary>
    public static string Ensure(string folder, int megabytes)
    {
        var done = Path.Combine(folder, ".complete");
        if (File.Exists(done))
            return folder;
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        var train = Path.Combine(folder, "train");
        Directory.CreateDirectory(train);
        var random = new Random(20251123);
        long total = 0;
        var target = megabytes * 1_000_000L;
        using var metadata = new StreamWriter(Path.Combine(folder, "metadata.csv")) { NewLine = "\n" };
        for (var id = 1; total < target; id++)
        {
            // Book sizes roughly log-normal like PG-19: many of a few hundred KB, a few of megabytes.
            var size = (int)Math.Clamp(Math.Exp(12.6 + (0.8 * Gaussian(random))), 40_000, 2_000_000);
            size = (int)Math.Min(size, target - total + 1000);
            var text = Book(random, size);
            File.WriteAllText(Path.Combine(train, $"{id}.txt"), text, new UTF8Encoding(false));
            metadata.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id},Synthetic Book {id},{1800 + (id % 119)},http://www.gutenberg.org/ebooks/{id}"));
            total += Encoding.UTF8.GetByteCount(text);
        }

        File.WriteAllText(done, total.ToString(CultureInfo.InvariantCulture));
        return folder;
    }

    private static string Book(Random random, int size)
    {
        var (words, cumulative) = Vocabulary.Value;
        var book = new StringBuilder(size + 200);
        var line = new StringBuilder(80);
        var chapter = 1;
        while (book.Length < size)
        {
            if (random.NextDouble() < 0.03)
            {
                Flush(book, line);
                book.Append(CultureInfo.InvariantCulture, $"\r\nCHAPTER {chapter++}.\r\n\r\n");
            }

            var dialogue = random.NextDouble() < 0.2;
            var sentences = random.Next(2, 8);
            for (var s = 0; s < sentences; s++)
            {
                var length = random.Next(4, 28);
                for (var w = 0; w < length; w++)
                {
                    var word = random.NextDouble() < 0.01
                        ? random.Next(1, 2000).ToString(CultureInfo.InvariantCulture)
                        : words[Pick(cumulative, random.NextDouble())];
                    if (word == "i")
                        word = "I";
                    if (w == 0)
                        word = (dialogue && s == 0 ? "\u201C" : string.Empty) + char.ToUpperInvariant(word[0]) + word[1..];
                    if (w < length - 1 && random.NextDouble() < 0.08)
                        word += random.NextDouble() < 0.8 ? "," : ";";
                    Add(book, line, word);
                }

                line.Append(".!?"[random.Next(10) switch { < 8 => 0, 8 => 1, _ => 2 }]);
                if (dialogue && s == sentences - 1)
                    line.Append('\u201D');
            }

            Flush(book, line);
            book.Append("\r\n");
        }

        return book.ToString();
    }

    private static void Add(StringBuilder book, StringBuilder line, string word)
    {
        if (line.Length + 1 + word.Length > 70)
            Flush(book, line);
        if (line.Length > 0)
            line.Append(' ');
        line.Append(word);
    }

    private static void Flush(StringBuilder book, StringBuilder line)
    {
        if (line.Length == 0)
            return;
        book.Append(line).Append("\r\n");
        line.Clear();
    }

    private static int Pick(double[] cumulative, double u)
    {
        var index = Array.BinarySearch(cumulative, u);
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static (string[], double[]) LoadVocabulary()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("UltraLLaDA.Data.Cli.Bench.english-words.txt")
            ?? throw new InvalidOperationException("the embedded word list is missing");
        using var reader = new StreamReader(stream);
        var entries = new List<(string Word, double Count)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
                continue;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            entries.Add((line[..tab], double.Parse(line[(tab + 1)..], CultureInfo.InvariantCulture)));
        }

        var sum = entries.Sum(e => e.Count);
        var cumulative = new double[entries.Count];
        double running = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            running += entries[i].Count / sum;
            cumulative[i] = running;
        }

        return ([.. entries.Select(e => e.Word)], cumulative);
    }
}
