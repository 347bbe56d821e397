namespace SleepBot.Llm;

/// <summary>Reads the files under <c>Llm/Prompts</c>, compiled into the assembly so reviewed text ships with its code.</summary>
internal static class EmbeddedText
{
    public static string Read(string fileName)
    {
        var name = "SleepBot.Llm.Prompts." + fileName;
        using var stream = typeof(EmbeddedText).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
