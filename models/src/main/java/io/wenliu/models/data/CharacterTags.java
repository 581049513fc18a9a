package io.wenliu.models.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The character tag sets of the part-of-speech and entity taggers, in the order of their CRFs' scores: what a
 * trained tagger, the student's heads and the corpora that feed them must agree on.
 */
public final class CharacterTags {
    /** The Universal Dependencies v1 part-of-speech tags (UD Chinese GSD as shared uses v1: CONJ, not CCONJ). */
    public static final List<String> UPOS = List.of("ADJ", "ADP", "ADV", "AUX", "CONJ", "DET", "INTJ", "NOUN",
            "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X");
    /** The MSRA (SIGHAN 2006) entity types. */
    public static final List<String> MSRA_ENTITY_TYPES = List.of("PER", "LOC", "ORG");

    private CharacterTags() {
    }

    /** {@code B-<type>}, {@code I-<type>} for each type, in order: a word's first character and the rest. */
    public static List<String> beginInside(List<String> types) {
        List<String> tags = new ArrayList<>();
        for (String type : types) {
            tags.add("B-" + type);
            tags.add("I-" + type);
        }
        return tags;
    }

    /** {@code O}, then {@code B-<type>}, {@code I-<type>} for each type, in order: BIO entity tags. */
    public static List<String> outsideBeginInside(List<String> types) {
        List<String> tags = new ArrayList<>(List.of("O"));
        tags.addAll(beginInside(types));
        return tags;
    }
}
