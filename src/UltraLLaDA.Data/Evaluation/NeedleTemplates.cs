namespace UltraLLaDA.Data.Evaluation;

/// <summary>The needle and question templates: <c>{key}</c> and <c>{value}</c> are their slots.</summary>
/// <param name="Needle">The sentence hidden in the haystack; must hold {value}.</param>
/// <param name="Question">The question after the haystack; must not hold {value}, and must hold {key} when several needles are hidden.</param>
public sealed record NeedleTemplates(string Needle, string Question)
{
    public const string KeySlot = "{key}";
    public const string ValueSlot = "{value}";

    public static NeedleTemplates Default { get; } = new(EvalDefaults.NeedleTemplate, EvalDefaults.QuestionTemplate);

    /// <summary>Throws <see cref="EvalSetException"/> naming the setting when a template cannot work.</summary>
    public NeedleTemplates Check(int needles)
    {
        if (string.IsNullOrWhiteSpace(Needle) || !Needle.Contains(ValueSlot, StringComparison.Ordinal))
            throw new EvalSetException(EvalSetting.NeedleTemplate, $" \"{Needle}\" has no {ValueSlot} slot: the needle must carry the value to retrieve");
        if (string.IsNullOrWhiteSpace(Question))
            throw new EvalSetException(EvalSetting.QuestionTemplate, " is empty");
        if (Question.Contains(ValueSlot, StringComparison.Ordinal))
            throw new EvalSetException(EvalSetting.QuestionTemplate, $" \"{Question}\" holds {ValueSlot}: the question would give the answer away");
        if (needles > 1 && (!Question.Contains(KeySlot, StringComparison.Ordinal) || !Needle.Contains(KeySlot, StringComparison.Ordinal)))
            throw new EvalSetException(EvalSetting.Needles, $" {needles}: both templates need a {KeySlot} slot, so that the question says which needle it asks for");
        return this;
    }

    public string NeedleFor(string key, string value) => Needle.Replace(KeySlot, key, StringComparison.Ordinal).Replace(ValueSlot, value, StringComparison.Ordinal);

    public string QuestionFor(string key) => Question.Replace(KeySlot, key, StringComparison.Ordinal);
}
