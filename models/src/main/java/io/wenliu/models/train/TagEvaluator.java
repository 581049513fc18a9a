package io.wenliu.models.train;

import io.wenliu.models.data.TaggedSequence;
import java.util.List;
import java.util.Map;

/**
 * Scores predicted tag sequences against gold ones for a task (word F1 for segmentation, entity F1
 * for NER, accuracy for POS). The trainer keeps the epoch with the highest {@link #primaryMetric()}.
 */
public interface TagEvaluator {

    /** Metric name → value, including {@link #primaryMetric()}. */
    Map<String, Double> evaluate(List<TaggedSequence> gold, List<int[]> predicted);

    String primaryMetric();
}
