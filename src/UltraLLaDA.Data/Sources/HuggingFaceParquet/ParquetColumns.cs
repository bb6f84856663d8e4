using Parquet.Schema;

namespace UltraLLaDA.Data.Sources.HuggingFaceParquet;

/// <summary>
/// The columns of a Hugging Face PG-19 Parquet file that a source reads. Only "text" is required and must be a
/// UTF-8 string column; the metadata columns are used when present with a usable type and left out otherwise,
/// so that odd metadata never stops a run.
/// </summary>
/// <param name="Text">The "text" column (BYTE_ARRAY / STRING).</param>
/// <param name="Title">"short_book_title" (HF PG-19), else "title", when a string column.</param>
/// <param name="Url">"url", when a string column.</param>
/// <param name="PublicationDate">"publication_date", when an integer or string column.</param>
internal sealed record ParquetColumns(DataField Text, DataField? Title, DataField? Url, DataField? PublicationDate)
{
    /// <summary>Finds the columns among the top-level fields of <paramref name="schema"/>.</summary>
    /// <exception cref="SourceDataException">"text" is missing or not a string column; names <paramref name="path"/>.</exception>
    public static ParquetColumns Resolve(ParquetSchema schema, string path)
    {
        var text = schema.Fields.FirstOrDefault(f => f.Name == "text");
        if (text is null)
        {
            string present = string.Join(", ", schema.Fields.Select(f => f.Name));
            throw new SourceDataException(path, null, $"has no 'text' column (columns: {present})");
        }

        if (text is not DataField { IsArray: false } textField || !IsString(textField))
        {
            throw new SourceDataException(path, null,
                $"column 'text' is {Describe(text)}, not a UTF-8 string column (BYTE_ARRAY annotated STRING)");
        }

        return new ParquetColumns(
            textField,
            StringColumn(schema, "short_book_title") ?? StringColumn(schema, "title"),
            StringColumn(schema, "url"),
            DateColumn(schema));
    }

    /// <summary>Whether a field holds UTF-8 strings (Parquet.Net reads them as chars).</summary>
    public static bool IsString(DataField field) =>
        field.ClrType == typeof(ReadOnlyMemory<char>) || field.ClrType == typeof(string);

    private static DataField? StringColumn(ParquetSchema schema, string name) =>
        schema.Fields.FirstOrDefault(f => f.Name == name) is DataField { IsArray: false } field && IsString(field) ? field : null;

    private static DataField? DateColumn(ParquetSchema schema)
    {
        if (schema.Fields.FirstOrDefault(f => f.Name == "publication_date") is not DataField { IsArray: false } field)
            return null;
        var type = field.ClrType;
        return type == typeof(int) || type == typeof(long) || type == typeof(short) || IsString(field) ? field : null;
    }

    private static string Describe(Field field) => field switch
    {
        DataField { IsArray: true } data => $"a list of {data.ClrType.Name}",
        DataField data when data.ClrType == typeof(ReadOnlyMemory<byte>) || data.ClrType == typeof(byte[]) =>
            "binary without a STRING annotation",
        DataField data => $"of type {data.ClrType.Name}",
        _ => $"a {field.SchemaType} field",
    };
}
