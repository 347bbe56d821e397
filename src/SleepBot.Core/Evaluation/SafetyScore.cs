using System.Text;
using SleepBot.Safety;

namespace SleepBot.Evaluation;

/// <summary>
/// How the safety check does on labelled messages: recall (a distress message predicted as distress), under-triage
/// (a lower tier than the label), false alarms (a message labelled none that was flagged), per tier.
/// </summary>
public sealed class SafetyScore
{
    private readonly List<(SafetyTier Label, SafetyTier Predicted, SafetyCategory? LabelMain, SafetyCategory? PredictedMain)> _results;

    private SafetyScore(List<(SafetyTier, SafetyTier, SafetyCategory?, SafetyCategory?)> results) => _results = results;

    public static SafetyScore From(IEnumerable<(SafetyTier Label, SafetyTier Predicted, SafetyCategory? LabelMain, SafetyCategory? PredictedMain)> results) =>
        new([.. results]);

    private IEnumerable<(SafetyTier Label, SafetyTier Predicted, SafetyCategory? LabelMain, SafetyCategory? PredictedMain)> Distress =>
        _results.Where(r => r.Label != SafetyTier.None);

    public double Recall => Share(Distress, r => r.Predicted != SafetyTier.None);

    /// <summary>Among distress messages, the share given a lower tier than the label (crisis counts as below emergency).</summary>
    public double UnderTriage => Share(Distress, r => r.Predicted < r.Label, whenNone: 0);

    public double FalseAlarms => Share(_results.Where(r => r.Label == SafetyTier.None), r => r.Predicted != SafetyTier.None, whenNone: 0);

    public double ExactTier => Share(Distress, r => r.Predicted == r.Label);

    public double MainCategory => Share(Distress, r => r.PredictedMain == r.LabelMain);

    public double RecallOf(SafetyTier tier) => Share(_results.Where(r => r.Label == tier), r => r.Predicted != SafetyTier.None);

    public override string ToString()
    {
        var text = new StringBuilder();
        var distress = Distress.ToList();
        var none = _results.Where(r => r.Label == SafetyTier.None).ToList();
        text.AppendLine($"recall {Recall:0.000} ({distress.Count(r => r.Predicted != SafetyTier.None)}/{distress.Count} distress), " +
            $"under-triage {UnderTriage:0.000} ({distress.Count(r => r.Predicted < r.Label)}), " +
            $"false alarms {FalseAlarms:0.000} ({none.Count(r => r.Predicted != SafetyTier.None)}/{none.Count} none), " +
            $"exact tier {ExactTier:0.000}, main category {MainCategory:0.000}");
        foreach (var tier in Enum.GetValues<SafetyTier>().Where(t => t != SafetyTier.None).Reverse())
        {
            var ofTier = _results.Where(r => r.Label == tier).ToList();
            text.AppendLine($"  {tier,-9} n={ofTier.Count,3} recall {RecallOf(tier):0.000} exact {Share(ofTier, r => r.Predicted == tier):0.000} under {Share(ofTier, r => r.Predicted < tier, whenNone: 0):0.000}");
        }

        return text.ToString();
    }

    // With nothing to measure, recall is perfect and there is nothing under-triaged or falsely alarmed.
    private static double Share<T>(IEnumerable<T> items, Func<T, bool> predicate, double whenNone = 1.0)
    {
        var list = items.ToList();
        return list.Count == 0 ? whenNone : list.Count(predicate) / (double)list.Count;
    }
}
