package io.wenliu.models.train.student;

import io.wenliu.models.train.NerTask;
import io.wenliu.models.train.PosTask;
import io.wenliu.models.train.SegmentationTask;
import io.wenliu.models.train.TaggingTask;

/**
 * The student's CRF tagging heads, in the order their parameters are declared: each names its
 * parameters (prefix), its SavedModel outputs and its label file folder, and brings the
 * {@link TaggingTask} whose tags, corpus reader, evaluator and dev decoder it uses.
 */
public enum TaggingHead {
    /** Words as B/M/E/S character tags (MSR convention). */
    SEGMENTATION("segmentation", new SegmentationTask()),
    /** Universal POS as B-/I-UPOS character tags; served within the segmenter's words. */
    POS("pos", new PosTask()),
    /** MSRA entities (PER, LOC, ORG) as BIO character tags. */
    NER("ner", NerTask.msra());

    private final String prefix;
    private final TaggingTask task;

    TaggingHead(String prefix, TaggingTask task) {
        this.prefix = prefix;
        this.task = task;
    }

    /** The head's name: its parameters' prefix, its label folder, the start of its output names. */
    public String prefix() {
        return prefix;
    }

    public TaggingTask task() {
        return task;
    }

    /** The SavedModel output of its emissions, e.g. {@code ner_emissions}. */
    public String emissionsOutput() {
        return prefix + "_emissions";
    }

    /** The SavedModel output of its transitions, e.g. {@code ner_transitions}. */
    public String transitionsOutput() {
        return prefix + "_transitions";
    }
}
