package io.wenliu.models.pos;

import io.wenliu.models.crf.CrfDecoder;
import io.wenliu.models.vocab.LabelSet;
import java.util.Arrays;

/**
 * What decoding {@code B-<POS>}/{@code I-<POS>} character tags within given words may do: a word's first
 * character takes a {@code B-} tag, its other characters {@code I-} tags of the same type, so every word
 * gets exactly one part of speech. Shared by serving ({@link PosTagger}) and by the trainer, which scores
 * its dev set the way the service tags. Immutable and thread-safe.
 */
public final class WordTagConstraints {
    private final String[] typeOf;
    private final long beginTags;
    private final long insideTags;
    private final CrfDecoder decoder;

    /** @throws IllegalArgumentException when a label is not {@code B-X} or {@code I-X}, or there are too many */
    public WordTagConstraints(LabelSet labels) {
        int n = labels.size();
        if (n > CrfDecoder.MAX_TAGS) {
            throw new IllegalArgumentException(n + " tags; at most " + CrfDecoder.MAX_TAGS + " are supported");
        }
        typeOf = new String[n];
        long begin = 0;
        long in = 0;
        for (int id = 0; id < n; id++) {
            String label = labels.label(id);
            if (!label.startsWith("B-") && !label.startsWith("I-") || label.length() < 3) {
                throw new IllegalArgumentException("not a B-/I- part-of-speech tag set: label '" + label + "'");
            }
            typeOf[id] = label.substring(2);
            if (label.startsWith("B-")) {
                begin |= 1L << id;
            } else {
                in |= 1L << id;
            }
        }
        beginTags = begin;
        insideTags = in;
        boolean[] transitions = new boolean[n * n];
        boolean[] first = new boolean[n];
        boolean[] last = new boolean[n];
        Arrays.fill(last, true);
        for (int to = 0; to < n; to++) {
            first[to] = (begin >>> to & 1L) != 0;
            for (int from = 0; from < n; from++) {
                // I-X only continues an X word; a new word may follow anything
                transitions[from * n + to] = first[to] || typeOf[from].equals(typeOf[to]);
            }
        }
        decoder = new CrfDecoder(n, transitions, first, last);
    }

    /** The part of speech of a tag id: its label without {@code B-}/{@code I-}. */
    public String type(int tag) {
        return typeOf[tag];
    }

    /** Every part of speech, once each, in tag-id order. */
    public java.util.List<String> types() {
        return Arrays.stream(typeOf).distinct().toList();
    }

    /** Whether a tag id starts a word ({@code B-}). */
    public boolean startsWord(int tag) {
        return (beginTags >>> tag & 1L) != 0;
    }

    /** The allowed-tag mask of a position that starts a word, continues one, or (neither) is free. */
    long mask(boolean starts, boolean continues) {
        return starts ? beginTags : continues ? insideTags : decoder.anyTag();
    }

    /** The allowed-tag mask of a word of part of speech {@code type}, or of any tag when the tag set lacks it. */
    long typeMask(String type) {
        long mask = 0;
        for (int tag = 0; tag < typeOf.length; tag++) {
            if (typeOf[tag].equals(type)) {
                mask |= 1L << tag;
            }
        }
        return mask == 0 ? decoder.anyTag() : mask;
    }

    /** Viterbi restricted to the constraints: no {@code I-X} after a tag of another type, and the given masks. */
    public CrfDecoder decoder() {
        return decoder;
    }

    /**
     * The best tag path of one sequence whose words are given: {@code startsWord[i]} says whether
     * position {@code i} begins a word (position 0 always does).
     */
    public int[] decodeWords(float[] emissions, float[] transitions, boolean[] startsWord) {
        long[] masks = new long[startsWord.length];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = mask(i == 0 || startsWord[i], i > 0 && !startsWord[i]);
        }
        return decoder.decode(emissions, 0, masks.length, transitions, masks, 0);
    }
}
