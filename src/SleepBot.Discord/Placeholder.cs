namespace SleepBot.Discord; internal static class Placeholder {}
