package io.wenliu.models.train.student;

import io.wenliu.models.similarity.PairMetrics;
import io.wenliu.models.similarity.SentencePairs.Pair;
import io.wenliu.models.student.StudentNetwork;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.vectors.UnitVectors;
import io.wenliu.models.train.TagEvaluator;
import io.wenliu.models.train.classifier.LabeledText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores the student's current weights on every task of a {@link StudentCorpora}, as metrics named
 * {@code <task>.<metric>}: each tagging head's evaluator (word F1, POS accuracy given the gold words, entity
 * F1, ...), {@code sentiment.accuracy}, and the similarity pair accuracy, at the threshold that is best on
 * these pairs ({@link #validation}: it also reports that threshold) or at a threshold chosen before
 * ({@link #dev}). {@link #MEAN} is the mean of the five primary metrics: what chooses the epoch. Stateless.
 */
final class StudentEvaluation {
    static final String MEAN = "mean";
    static final String SIMILARITY_THRESHOLD = StudentNetwork.SIMILARITY + ".threshold";
    static final String SIMILARITY_ACCURACY = StudentNetwork.SIMILARITY + ".accuracy";
    static final String SENTIMENT_ACCURACY = StudentNetwork.SENTIMENT + ".accuracy";

    private StudentEvaluation() {
    }

    /** The metrics of a validation split; the similarity threshold is chosen on it. */
    static Map<String, Double> validation(StudentScorer scorer, StudentCorpora corpora) {
        return evaluate(scorer, corpora, Float.NaN);
    }

    /** The metrics of a dev split, the similarity accuracy at {@code threshold} (chosen on validation) and at dev's best. */
    static Map<String, Double> dev(StudentScorer scorer, StudentCorpora corpora, float threshold) {
        return evaluate(scorer, corpora, threshold);
    }

    private static Map<String, Double> evaluate(StudentScorer scorer, StudentCorpora corpora, float threshold) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        double primaries = 0;
        for (TaggingHead head : TaggingHead.values()) {
            TagEvaluator evaluator = StudentTasks.of(head).evaluator();
            var sequences = corpora.tagging().get(head);
            Map<String, Double> scores = evaluator.evaluate(sequences, scorer.tag(head, sequences));
            scores.forEach((name, value) -> metrics.put(head.prefix() + "." + name, value));
            primaries += scores.get(evaluator.primaryMetric());
        }
        List<LabeledText> texts = corpora.sentiment();
        float[] logits = scorer.sentimentLogits(texts.stream().map(LabeledText::text).toList());
        int correct = 0;
        for (int i = 0; i < logits.length; i++) {
            correct += (logits[i] > 0 ? 1 : 0) == texts.get(i).label() ? 1 : 0;
        }
        double sentiment = texts.isEmpty() ? 0 : (double) correct / texts.size();
        metrics.put(SENTIMENT_ACCURACY, sentiment);
        primaries += sentiment;

        List<Pair> pairs = corpora.similarity();
        float[] cosines = cosines(scorer, pairs);
        boolean[] labels = new boolean[pairs.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = pairs.get(i).paraphrase();
        }
        PairMetrics.Threshold best = PairMetrics.bestThreshold(cosines, labels);
        if (Float.isNaN(threshold)) {
            metrics.put(SIMILARITY_ACCURACY, best.accuracy());
            metrics.put(SIMILARITY_THRESHOLD, (double) best.threshold());
            primaries += best.accuracy();
        } else {
            double atThreshold = PairMetrics.accuracy(cosines, labels, threshold);
            metrics.put(SIMILARITY_ACCURACY, atThreshold);
            metrics.put(StudentNetwork.SIMILARITY + ".accuracy at its own best threshold", best.accuracy());
            primaries += atThreshold;
        }
        metrics.put(MEAN, primaries / (TaggingHead.values().length + 2));
        return metrics;
    }

    private static float[] cosines(StudentScorer scorer, List<Pair> pairs) {
        float[][] a = scorer.embeddings(pairs.stream().map(Pair::first).toList());
        float[][] b = scorer.embeddings(pairs.stream().map(Pair::second).toList());
        float[] cosines = new float[pairs.size()];
        for (int i = 0; i < cosines.length; i++) {
            cosines[i] = UnitVectors.dot(a[i], b[i]);
        }
        return cosines;
    }
}
