using SleepBot.Knowledge;
using SleepBot.Safety;

namespace SleepBot.Core.Tests.Safety;

public sealed class SafetyRuleFileTests
{
    [Fact]
    public void Every_shipped_rule_file_parses_without_problems()
    {
        Assert.True(ShippedRules.Problems.Count == 0, string.Join(Environment.NewLine, ShippedRules.Problems));
        Assert.True(Directory.EnumerateFiles(ShippedRules.SafetyDirectory, "*.yaml").Count() >= 5);
    }
}
