using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>Checks packing options and reports the first problem as a <see cref="PackJobException"/> naming the setting.</summary>
internal static class PackingCheck
{
    public static void Validate(PackingOptions packing)
    {
        try
        {
            packing.Validate();
        }
        catch (ArgumentException e)
        {
            throw new PackJobException(SettingOf(e.ParamName), e.Message, e);
        }
    }

    /// <summary><see cref="PackingOptions.Validate"/> names the option at fault as the exception's parameter name.</summary>
    private static PackSetting SettingOf(string? option) => option switch
    {
        nameof(PackingOptions.SeqLen) => PackSetting.SeqLen,
        nameof(PackingOptions.Tail) => PackSetting.Tail,
        nameof(PackingOptions.EodId) => PackSetting.EodId,
        nameof(PackingOptions.PadId) => PackSetting.PadId,
        nameof(PackingOptions.Strategy) => PackSetting.Pack,
        nameof(PackingOptions.WindowDocuments) => PackSetting.PackWindow,
        nameof(PackingOptions.WindowTokens) => PackSetting.PackWindowTokens,
        _ => PackSetting.Layout,
    };
}
