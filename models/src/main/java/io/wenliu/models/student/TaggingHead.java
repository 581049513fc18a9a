package io.wenliu.models.student;

import io.wenliu.models.data.BmesEncoder;
import io.wenliu.models.data.CharacterTags;
import io.wenliu.models.vocab.LabelSet;
import java.util.List;

/**
 * The student's CRF tagging heads, in the order their parameters are declared: each names its
 * parameters (prefix), its SavedModel outputs and its label file folder, and holds its tags (the width
 * of its CRF). Training reads, cuts and scores each head's data with the tagging task of the same tags
 * ({@code StudentTasks}).
 */
public enum TaggingHead {
    /** Words as B/M/E/S character tags (MSR convention). */
    SEGMENTATION("segmentation", BmesEncoder.LABELS),
    /** Universal POS as B-/I-UPOS character tags; served within the segmenter's words. */
    POS("pos", CharacterTags.beginInside(CharacterTags.UPOS)),
    /** MSRA entities (PER, LOC, ORG) as BIO character tags. */
    NER("ner", CharacterTags.outsideBeginInside(CharacterTags.MSRA_ENTITY_TYPES));

    private final String prefix;
    private final LabelSet labels;

    TaggingHead(String prefix, List<String> labels) {
        this.prefix = prefix;
        this.labels = new LabelSet(labels);
    }

    /** The head's name: its parameters' prefix, its label folder, the start of its output names. */
    public String prefix() {
        return prefix;
    }

    /** Its tags, in the order of its emissions' last dimension. */
    public LabelSet labels() {
        return labels;
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
