package io.wenliu.models.student;

import io.wenliu.models.data.BmesEncoder;
import io.wenliu.models.vocab.LabelSet;
import java.util.ArrayList;
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
    POS("pos", beginInside(List.of("ADJ", "ADP", "ADV", "AUX", "CONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
            "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"))),
    /** MSRA entities (PER, LOC, ORG) as BIO character tags. */
    NER("ner", outsideBeginInside(List.of("PER", "LOC", "ORG")));

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

    /** {@code B-<type>}, {@code I-<type>} for each type, in order (the part-of-speech tags). */
    private static List<String> beginInside(List<String> types) {
        List<String> tags = new ArrayList<>();
        for (String type : types) {
            tags.add("B-" + type);
            tags.add("I-" + type);
        }
        return tags;
    }

    /** {@code O}, then {@code B-<type>}, {@code I-<type>} for each type, in order (the entity tags). */
    private static List<String> outsideBeginInside(List<String> types) {
        List<String> tags = new ArrayList<>(List.of("O"));
        tags.addAll(beginInside(types));
        return tags;
    }
}
