package io.wenliu.models.pos;

import io.wenliu.models.crf.CrfDecoder;
import io.wenliu.models.inference.ScoredText;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.segment.Word;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.vocab.LabelSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code B-<POS>}/{@code I-<POS>} scores of normalized texts into parts of speech (steps 2 to 4 of
 * {@link PosTagger}): Viterbi per scored piece, constrained to the given words or not, atomic runs' parts of
 * speech fixed by their kind, each word's majority type; or, with no words given, the words and tags the
 * scores find themselves. The scores may come from a tagger's own model or from any network with the same
 * labels that reads characters only (no word positions), such as the student's POS head. Immutable and
 * thread-safe.
 */
public final class PosDecoder {
    static final byte FREE = 0;
    static final byte STARTS_WORD = 1;
    static final byte CONTINUES_WORD = 2;

    private final ModelArtifact artifact;
    private final WordTagConstraints constraints;
    private final CrfDecoder unconstrained;

    /**
     * @param artifact the scores' labels and the model they come from
     * @throws IllegalStateException when the labels are not B-/I- part-of-speech tags
     */
    public PosDecoder(ModelArtifact artifact) {
        this.artifact = artifact;
        LabelSet labels = artifact.labels();
        try {
            this.constraints = new WordTagConstraints(labels);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The artifact " + artifact.directory() + " cannot tag parts of speech: "
                    + e.getMessage(), e);
        }
        this.unconstrained = new CrfDecoder(labels.size());
    }

    /** The tag set: the types of the labels, in label order. */
    public List<String> tagSet() {
        return constraints.types();
    }

    /**
     * The part of speech of every given word.
     *
     * @param scored scores that do not depend on the words (a model without word positions)
     * @param words  per text, its words in text order with UTF-16 offsets into that text
     * @return per text, one tag per word, in the order given
     * @throws IllegalStateException when this decoder's model reads word positions: its scores depend on the
     *                               words, so only {@link PosTagger#tag} can compute them
     */
    public List<List<String>> tag(List<ScoredText> scored, List<List<Word>> words, PosTagger.Decoding decoding) {
        if (artifact.wordPositions()) {
            throw new IllegalStateException("The model " + artifact.directory() + " reads word positions, so its scores "
                    + "depend on the words; tag through PosTagger.tag(texts, words)");
        }
        return tagScored(scored, words, decoding);
    }

    /** {@link #tag} without the word-position check, for scores computed with these very words. */
    List<List<String>> tagScored(List<ScoredText> scored, List<List<Word>> words, PosTagger.Decoding decoding) {
        if (scored.size() != words.size()) {
            throw new IllegalArgumentException(scored.size() + " texts but " + words.size() + " word lists");
        }
        List<List<String>> out = new ArrayList<>(scored.size());
        for (int k = 0; k < scored.size(); k++) {
            NormalizedText text = scored.get(k).text();
            int[] wordOf = wordOfPosition(text, words.get(k));
            byte[] boundary = decoding == PosTagger.Decoding.CONSTRAINED ? boundaries(wordOf) : null;
            int[] path = decode(scored.get(k), boundary, runRestrictions(text, words.get(k)));
            int count = words.get(k).size();
            List<List<Integer>> positions = new ArrayList<>(count);
            for (int w = 0; w < count; w++) {
                positions.add(new ArrayList<>());
            }
            for (int i = 0; i < wordOf.length; i++) {
                if (wordOf[i] >= 0) {
                    positions.get(wordOf[i]).add(i);
                }
            }
            List<String> pos = new ArrayList<>(count);
            for (List<Integer> p : positions) {
                pos.add(majorityType(path, p));
            }
            out.add(pos);
        }
        return out;
    }

    /**
     * Words and their tags as the scores alone find them (a {@code B-} tag starts a word; whitespace always
     * ends one; each atomic run is one word, as the segmenter makes it).
     */
    public List<List<TaggedWord>> tagWords(List<ScoredText> scored) {
        List<List<TaggedWord>> out = new ArrayList<>(scored.size());
        for (ScoredText scoredText : scored) {
            NormalizedText text = scoredText.text();
            byte[] boundary = new byte[text.length()];
            for (int i = 0; i < text.length(); i++) {
                boundary[i] = i == 0 || text.spaceBefore(i) ? STARTS_WORD : FREE;
            }
            List<Word> runWords = new ArrayList<>();
            for (NormalizedText.Run run : text.runs()) {
                boundary[run.from()] = STARTS_WORD;
                Arrays.fill(boundary, run.from() + 1, run.to(), CONTINUES_WORD);
                if (run.to() < boundary.length && !run.span().kind().mayJoinNeighbours()) {
                    boundary[run.to()] = STARTS_WORD;
                }
                if (!run.span().kind().mayJoinNeighbours()) { // a number may yet take its unit
                    runWords.add(new Word(run.span().text(), run.span().start(), run.span().end()));
                }
            }
            int[] path = decode(scoredText, boundary, runRestrictions(text, runWords));
            List<TaggedWord> words = new ArrayList<>();
            int start = 0;
            for (int i = 1; i <= path.length; i++) {
                if (i == path.length || constraints.startsWord(path[i])) {
                    int from = text.start(start);
                    int to = text.end(i - 1);
                    words.add(new TaggedWord(text.original().substring(from, to), from, to, constraints.type(path[start])));
                    start = i;
                }
            }
            out.add(words);
        }
        return out;
    }

    /**
     * One tag id per position of a text.
     *
     * @param boundary    per position, whether it starts a word, continues one or (neither) is free; null: decode
     *                    without constraints
     * @param restriction null or the allowed-tag mask of each position
     */
    private int[] decode(ScoredText scored, byte[] boundary, long[] restriction) {
        return scored.decode(piece -> {
            SequenceScores score = piece.scores();
            return boundary == null
                    ? unconstrained.decode(score.emissions(), score.offset(), score.length(), score.transitions(), null, 0)
                    : constraints.decoder().decode(score.emissions(), score.offset(), score.length(), score.transitions(),
                            masks(boundary, restriction, piece.from(), piece.to()), 0);
        });
    }

    /** Allowed tags per position of {@code [from, to)}; a piece always starts a word. */
    private long[] masks(byte[] boundary, long[] restriction, int from, int to) {
        long[] masks = new long[to - from];
        for (int i = from; i < to; i++) {
            byte b = i == from ? STARTS_WORD : boundary[i];
            masks[i - from] = constraints.mask(b == STARTS_WORD, b == CONTINUES_WORD) & (restriction == null ? -1L : restriction[i]);
        }
        return masks;
    }

    /** Per position, the tags allowed by the kind of the run it is in, where that run is one of the words; null: none. */
    private long[] runRestrictions(NormalizedText text, List<Word> words) {
        long[] restriction = null;
        int w = 0;
        for (NormalizedText.Run run : text.runs()) {
            String pos = PosTagger.partOfSpeech(run.span().kind());
            while (w < words.size() && words.get(w).start() < run.span().start()) {
                w++;
            }
            if (pos == null || w == words.size() || words.get(w).start() != run.span().start()
                    || words.get(w).end() != run.span().end()) {
                continue;
            }
            if (restriction == null) {
                restriction = new long[text.length()];
                Arrays.fill(restriction, -1L);
            }
            Arrays.fill(restriction, run.from(), run.to(), constraints.typeMask(pos));
        }
        return restriction;
    }

    /** Per position, whether it starts a word, continues one or is in none, from {@link #wordOfPosition}. */
    static byte[] boundaries(int[] wordOf) {
        byte[] boundary = new byte[wordOf.length];
        for (int i = 0; i < wordOf.length; i++) {
            boundary[i] = wordOf[i] < 0 ? FREE : i == 0 || wordOf[i - 1] != wordOf[i] ? STARTS_WORD : CONTINUES_WORD;
        }
        return boundary;
    }

    /** For each position, the index of the word that holds it, or -1. */
    static int[] wordOfPosition(NormalizedText text, List<Word> words) {
        int[] wordOf = new int[text.length()];
        int w = 0;
        for (int i = 0; i < text.length(); i++) {
            int start = text.start(i);
            while (w < words.size() && words.get(w).end() <= start) {
                w++;
            }
            wordOf[i] = w < words.size() && words.get(w).start() <= start ? w : -1;
        }
        return wordOf;
    }

    private String majorityType(int[] path, List<Integer> positions) {
        if (positions.isEmpty()) {
            return PosTagger.UNKNOWN_POS;
        }
        Map<String, Integer> counts = new HashMap<>();
        String best = null;
        int bestCount = 0;
        for (int i : positions) {
            String type = constraints.type(path[i]);
            int c = counts.merge(type, 1, Integer::sum);
            if (c > bestCount) {
                best = type;
                bestCount = c;
            }
        }
        return best;
    }
}
