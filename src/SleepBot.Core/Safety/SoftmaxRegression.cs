namespace SleepBot.Safety;

/// <summary>
/// Multinomial logistic regression over hashed binary features, trained by AdaGrad in a fixed order so the same
/// examples always give the same model. Small enough to train at load time (about a second for 3,000 messages)
/// and to read a message in a few microseconds.
/// </summary>
internal sealed class SoftmaxRegression
{
    private const int Epochs = 10;
    private const float LearningRate = 0.5f;
    private const float L2 = 1e-4f; // keeps a word seen in a few examples from deciding alone
    private const int ShuffleSeed = 7;

    private readonly int _classes;
    private readonly float[] _weights; // bucket-major: the class weights of one bucket sit together
    private readonly float[] _bias;

    private SoftmaxRegression(int classes)
    {
        _classes = classes;
        _weights = new float[NgramFeatures.Buckets * classes];
        _bias = new float[classes];
    }

    /// <param name="features">Each example's sorted distinct buckets.</param>
    public static SoftmaxRegression Train(IReadOnlyList<int[]> features, IReadOnlyList<int> labels, int classes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(features.Count, labels.Count);
        var model = new SoftmaxRegression(classes);
        var squaredWeights = new float[model._weights.Length];
        var squaredBias = new float[classes];
        var probabilities = new float[classes];
        var order = Enumerable.Range(0, labels.Count).ToArray();
        var random = new Random(ShuffleSeed);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            foreach (var i in order)
            {
                var active = features[i];
                var scale = Scale(active);
                model.Probabilities(active, probabilities);
                for (var c = 0; c < classes; c++)
                {
                    var gradient = probabilities[c] - (c == labels[i] ? 1f : 0f);
                    foreach (var bucket in active)
                    {
                        var w = bucket * classes + c;
                        var step = gradient * scale + L2 * model._weights[w];
                        squaredWeights[w] += step * step;
                        model._weights[w] -= LearningRate * step / MathF.Sqrt(squaredWeights[w] + 1e-6f);
                    }

                    squaredBias[c] += gradient * gradient;
                    model._bias[c] -= LearningRate * gradient / MathF.Sqrt(squaredBias[c] + 1e-6f);
                }
            }
        }

        return model;
    }

    /// <summary>Writes the probability of each class for a message's features into <paramref name="into"/>.</summary>
    public void Probabilities(ReadOnlySpan<int> active, Span<float> into)
    {
        var scale = Scale(active);
        _bias.CopyTo(into);
        foreach (var bucket in active)
        {
            var row = _weights.AsSpan(bucket * _classes, _classes);
            for (var c = 0; c < _classes; c++)
            {
                into[c] += row[c] * scale;
            }
        }

        var max = float.MinValue;
        foreach (var z in into)
        {
            max = MathF.Max(max, z);
        }

        var sum = 0f;
        for (var c = 0; c < _classes; c++)
        {
            into[c] = MathF.Exp(into[c] - max);
            sum += into[c];
        }

        for (var c = 0; c < _classes; c++)
        {
            into[c] /= sum;
        }
    }

    // Unit length, so a long message does not outvote a short one by its word count alone.
    private static float Scale(ReadOnlySpan<int> active) => 1f / MathF.Sqrt(Math.Max(1, active.Length));
}
