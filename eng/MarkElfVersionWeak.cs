// An MSBuild task compiled by RoslynCodeTaskFactory (see TorchSharp.targets); not part of any project.
//
// Why: TorchSharp 0.107.0's libLibTorchSharp.so was linked against GCC 13's libstdc++ and records a
// need for version GLIBCXX_3.4.32, which Debian 12's libstdc++ (GLIBCXX_3.4.30) lacks, so dlopen fails.
// The only symbol bound to that version, std::ios_base_library_init(), has no relocation and is never
// called. Setting VER_FLG_WEAK on that version need makes the dynamic loader accept a libstdc++ without
// it (glibc only warns about missing weak versions). The edit flips one 16-bit field in .gnu.version_r,
// so it is idempotent and changes nothing else in the file.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class MarkElfVersionWeak : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>ELF shared objects to edit in place; missing files are skipped.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The version names to mark weak, e.g. GLIBCXX_3.4.32.</summary>
    [Required]
    public string[] Versions { get; set; } = Array.Empty<string>();

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            if (!File.Exists(path))
                continue;
            try
            {
                var bytes = File.ReadAllBytes(path);
                var changed = Patch(bytes, path);
                if (changed > 0)
                {
                    // A new file replaced by rename: never writes through a hard link into the package cache.
                    var temporary = path + ".weak.tmp";
                    File.WriteAllBytes(temporary, bytes);
                    File.Delete(path);
                    File.Move(temporary, path);
                    Log.LogMessage(MessageImportance.Normal, $"{path}: marked {changed} version need(s) weak ({string.Join(", ", Versions)})");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Log.LogError($"{path}: cannot mark version needs weak: {e.Message}");
            }
        }

        return !Log.HasLoggedErrors;
    }

    private int Patch(byte[] elf, string path)
    {
        // ELF64 little-endian only (the linux-x64 natives); anything else is left alone.
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            Log.LogMessage(MessageImportance.Low, $"{path}: not a little-endian ELF64 file, left alone");
            return 0;
        }

        var sectionTable = checked((int)U64(elf, 0x28));
        var entrySize = U16(elf, 0x3a);
        var sectionCount = U16(elf, 0x3c);
        var changed = 0;
        for (var s = 0; s < sectionCount; s++)
        {
            var header = sectionTable + s * entrySize;
            if (U32(elf, header + 4) != ShtGnuVerneed)
                continue;
            var offset = checked((int)U64(elf, header + 0x18));
            var stringsHeader = sectionTable + (int)U32(elf, header + 0x28) * entrySize;
            var strings = checked((int)U64(elf, stringsHeader + 0x18));
            var needCount = U32(elf, header + 0x2c);

            // Elf64_Verneed { u16 version, cnt; u32 file, aux, next } -> Elf64_Vernaux { u32 hash; u16 flags, other; u32 name, next }
            var need = offset;
            for (var n = 0; n < needCount; n++)
            {
                var auxCount = U16(elf, need + 2);
                var aux = need + (int)U32(elf, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = CString(elf, strings + (int)U32(elf, aux + 8));
                    var flags = U16(elf, aux + 4);
                    if (Array.IndexOf(Versions, name) >= 0 && (flags & VerFlagWeak) == 0)
                    {
                        flags |= VerFlagWeak;
                        elf[aux + 4] = (byte)flags;
                        elf[aux + 5] = (byte)(flags >> 8);
                        changed++;
                    }

                    aux += (int)U32(elf, aux + 12);
                }

                var next = (int)U32(elf, need + 12);
                if (next == 0)
                    break;
                need += next;
            }
        }

        return changed;
    }

    private static ushort U16(byte[] b, int at) => (ushort)(b[at] | b[at + 1] << 8);

    private static uint U32(byte[] b, int at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);

    private static ulong U64(byte[] b, int at) => U32(b, at) | (ulong)U32(b, at + 4) << 32;

    private static string CString(byte[] b, int at)
    {
        var end = Array.IndexOf(b, (byte)0, at);
        if (end < 0)
            throw new InvalidDataException("unterminated string in .dynstr");
        return Encoding.ASCII.GetString(b, at, end - at);
    }
}
