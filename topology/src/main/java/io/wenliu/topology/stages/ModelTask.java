package io.wenliu.topology.stages;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a model does for a document, named as its stage: the operator chooses which of them run
 * ({@code wenliu.models.tasks}). With single-task artifacts a task left out is not loaded at all; with the
 * one-pass student its head is neither decoded nor written (the network itself computes every head: they are
 * under 1% of its work per character).
 */
public enum ModelTask {
    SEGMENTATION(SegmentationStage.NAME),
    POS(PosStage.NAME),
    NER(NerStage.NAME),
    SENTIMENT(SentimentStage.NAME),
    SIMILARITY(SimilarityStage.NAME);

    private final String stageName;

    ModelTask(String stageName) {
        this.stageName = stageName;
    }

    /** Its name in configuration, in {@code EnrichedDocument.models} and in dead letters. */
    public String stageName() {
        return stageName;
    }

    /** Every task: the default. */
    public static Set<ModelTask> all() {
        return EnumSet.allOf(ModelTask.class);
    }

    /** The stage names of {@code tasks}, in pipeline order. */
    public static List<String> names(Collection<ModelTask> tasks) {
        return Arrays.stream(values()).filter(tasks::contains).map(ModelTask::stageName).toList();
    }

    /**
     * The tasks named (case-insensitive, surrounding spaces ignored).
     *
     * @throws IllegalArgumentException naming what is wrong: an unknown name, or part-of-speech tagging without
     *                                  segmentation (it tags the segmenter's words)
     */
    public static Set<ModelTask> parse(Collection<String> names) {
        Set<ModelTask> tasks = EnumSet.noneOf(ModelTask.class);
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            Arrays.stream(values()).filter(t -> t.stageName.equals(wanted)).findFirst()
                    .ifPresentOrElse(tasks::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown model tasks " + unknown + "; the tasks are " + names(all()));
        }
        if (tasks.contains(POS) && !tasks.contains(SEGMENTATION)) {
            throw new IllegalArgumentException("pos tags the words that segmentation finds: add segmentation, or leave pos out");
        }
        return tasks;
    }
}
