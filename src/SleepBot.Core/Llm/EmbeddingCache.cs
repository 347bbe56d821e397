using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SleepBot.Llm;

/// <summary>
/// Entry embeddings on disk, one file per (model, text) hash, so a restart or a reload that changed one entry
/// asks the endpoint only for what it has not embedded before.
/// </summary>
public sealed class EmbeddingCache(string folder, string model)
{
    public const string DefaultFolder = ".cache/embeddings";

    public string Folder { get; } = folder;

    public float[]? TryRead(string text)
    {
        var path = PathFor(text);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        return bytes.Length % sizeof(float) == 0 ? MemoryMarshal.Cast<byte, float>(bytes).ToArray() : null;
    }

    public void Write(string text, ReadOnlySpan<float> vector)
    {
        Directory.CreateDirectory(Folder);
        var path = PathFor(text);
        // Written aside and moved, so a reader never sees half a vector.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, MemoryMarshal.AsBytes(vector).ToArray());
        File.Move(temporary, path, overwrite: true);
    }

    private string PathFor(string text) =>
        Path.Combine(Folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(model + "\n" + text))) + ".f32");
}
