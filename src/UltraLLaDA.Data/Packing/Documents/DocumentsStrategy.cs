namespace UltraLLaDA.Data.Packing.Documents;

/// <summary>
/// One document per record, unpacked: each record is one document's whole stream. The strategy a
/// format that takes documents (<c>FormatInput.Documents</c>) gets; its resume point is the next
/// document (offset always 0).
/// </summary>
public sealed class DocumentsStrategy : IPackingStrategy
{
    public static DocumentsStrategy Instance { get; } = new();

    private DocumentsStrategy()
    {
    }

    public string Name => "documents";

    public ITilingRules Tiling { get; } = new DocumentsTilingRules();

    public void Validate(PackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
    }

    public IPacker CreatePacker(PackingOptions options, PackPosition resumeAt, long firstRecordIndex) => new DocumentPacker(options, resumeAt, firstRecordIndex);
}
