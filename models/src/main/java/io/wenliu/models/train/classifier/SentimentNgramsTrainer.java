package io.wenliu.models.train.classifier;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import io.wenliu.models.student.SentimentNgrams;
import io.wenliu.models.text.NormalizedText;
import java.util.List;

/**
 * Trains {@link SentimentNgrams} as NBSVM with the logistic loss (Wang and Manning 2012): each n-gram's feature is its
 * presence scaled by its naive-Bayes log-count ratio, {@code log((p + α) / |p + α|₁) − log((q + α) / |q + α|₁)} over the
 * positive and negative texts' presence counts, and an L2-regularized logistic regression (LIBLINEAR's trust-region
 * Newton solver) weighs those features. A bucket's stored weight is its ratio times its regression weight, so serving
 * sums weights only. Stateless.
 */
public final class SentimentNgramsTrainer {
    /** Laplace smoothing of the naive-Bayes counts. */
    private static final double ALPHA = 1.0;
    private static final double TOLERANCE = 0.01;

    /**
     * @param buckets  hashed n-gram buckets, a power of two
     * @param maxOrder the longest n-gram, in code points
     * @param cost     LIBLINEAR's C: the weight of the data against the L2 penalty
     */
    public record Settings(int buckets, int maxOrder, double cost) {
        public Settings {
            if (Integer.bitCount(buckets) != 1 || maxOrder < 1 || !(cost > 0)) {
                throw new IllegalArgumentException("Need a power of two of buckets, an order of at least 1 and a positive cost, got "
                        + buckets + ", " + maxOrder + ", " + cost);
            }
        }

        /** 2^20 buckets (2 MB in half precision), 1- to 3-grams, C = 0.3 (the seventh student's validation texts chose it among 0.03-1). */
        public static Settings defaults() {
            return new Settings(1 << 20, 3, 0.3);
        }
    }

    private SentimentNgramsTrainer() {
    }

    /** The table trained on {@code texts} (labels 1 positive, 0 negative), each read as the student reads it. */
    public static SentimentNgrams train(List<LabeledText> texts, Settings settings) {
        if (texts.stream().map(LabeledText::label).distinct().count() != 2) {
            throw new IllegalArgumentException("Need both positive and negative texts to train on, got " + texts.size() + " texts");
        }
        int[][] features = new int[texts.size()][];
        double[] positive = new double[settings.buckets()];
        double[] negative = new double[settings.buckets()];
        for (int i = 0; i < texts.size(); i++) {
            features[i] = SentimentNgrams.features(NormalizedText.of(texts.get(i).text()).codePoints(), settings.maxOrder(),
                    settings.buckets());
            double[] counts = texts.get(i).label() == 1 ? positive : negative;
            for (int bucket : features[i]) {
                counts[bucket]++;
            }
        }
        double[] ratio = logCountRatios(positive, negative);

        Problem problem = new Problem();
        problem.l = texts.size();
        problem.n = settings.buckets() + 1; // the bias is the last feature
        problem.bias = 1;
        problem.y = new double[texts.size()];
        problem.x = new Feature[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            problem.y[i] = texts.get(i).label();
            Feature[] row = new Feature[features[i].length + 1];
            for (int k = 0; k < features[i].length; k++) {
                row[k] = new FeatureNode(features[i][k] + 1, ratio[features[i][k]]); // LIBLINEAR counts from 1
            }
            row[features[i].length] = new FeatureNode(problem.n, problem.bias);
            problem.x[i] = row;
            features[i] = null;
        }
        Linear.disableDebugOutput();
        Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, settings.cost(), TOLERANCE));
        double sign = model.getLabels()[0] == 1 ? 1 : -1; // the weights favour the first label LIBLINEAR met
        double[] w = model.getFeatureWeights();
        float[] weights = new float[settings.buckets()];
        for (int j = 0; j < weights.length; j++) {
            weights[j] = (float) (sign * w[j] * ratio[j]);
        }
        return new SentimentNgrams(settings.maxOrder(), (float) (sign * w[settings.buckets()]), weights);
    }

    private static double[] logCountRatios(double[] positive, double[] negative) {
        double positiveTotal = 0;
        double negativeTotal = 0;
        for (int j = 0; j < positive.length; j++) {
            positiveTotal += positive[j] + ALPHA;
            negativeTotal += negative[j] + ALPHA;
        }
        double[] ratio = new double[positive.length];
        for (int j = 0; j < ratio.length; j++) {
            ratio[j] = Math.log((positive[j] + ALPHA) / positiveTotal) - Math.log((negative[j] + ALPHA) / negativeTotal);
        }
        return ratio;
    }
}
