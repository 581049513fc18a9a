package io.wenliu.models.segment;

import io.wenliu.models.crf.CrfDecoder;
import io.wenliu.models.inference.ScoredText;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.vocab.LabelSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns BMES scores of normalized texts into words (steps 1-3, 5 and 6 of {@link Segmenter}): a word boundary
 * wherever whitespace was, each atomic run one word (a number may take its unit), the user dictionary's words
 * and cuts, constrained Viterbi per scored piece ({@link CrfDecoder} with the BMES grammar), words with UTF-16
 * offsets and their original spelling. The scores may come from a segmenter's own model or from any network
 * with the same labels, such as the student's segmentation head. Immutable and thread-safe.
 */
public final class SegmentationDecoder {
    /**
     * Chinese characters that MSR writes in one word with the number after them: parts of a date or time
     * ({@code 1997年1月1日}, {@code 8时30分}), an ordinal ({@code 第3}), a range ({@code 3至5}).
     */
    static final String JOINS_A_FOLLOWING_NUMBER = "年月日时分秒午晨第至";

    private final CrfDecoder decoder;
    private final int b;
    private final int m;
    private final int e;
    private final int s;

    /**
     * @param artifact the scores' labels (they must be B, M, E and S, in any order) and the model they come from
     * @throws IllegalStateException when the labels are not BMES
     */
    public SegmentationDecoder(ModelArtifact artifact) {
        LabelSet labels = artifact.labels();
        try {
            b = labels.id("B");
            m = labels.id("M");
            e = labels.id("E");
            s = labels.id("S");
        } catch (IllegalArgumentException ex) {
            throw new IllegalStateException("The artifact " + artifact.directory() + " is not a BMES segmenter: "
                    + ex.getMessage(), ex);
        }
        this.decoder = bmesDecoder(labels.size(), b, m, e, s);
    }

    /** The BMES grammar: a word is S or B M* E. */
    private static CrfDecoder bmesDecoder(int tags, int b, int m, int e, int s) {
        boolean[] transitions = new boolean[tags * tags];
        for (int from : new int[] {b, m}) {
            transitions[from * tags + m] = true;
            transitions[from * tags + e] = true;
        }
        for (int from : new int[] {e, s}) {
            transitions[from * tags + b] = true;
            transitions[from * tags + s] = true;
        }
        boolean[] first = new boolean[tags];
        first[b] = true;
        first[s] = true;
        boolean[] last = new boolean[tags];
        last[e] = true;
        last[s] = true;
        return new CrfDecoder(tags, transitions, first, last);
    }

    /**
     * The words of each scored text, in the order given, with {@code dictionary}'s words and cuts.
     *
     * @param scored BMES scores in this decoder's label order, every position of each text scored once
     */
    public List<List<Word>> decode(List<ScoredText> scored, UserDictionary dictionary) {
        List<List<Word>> out = new ArrayList<>(scored.size());
        for (ScoredText text : scored) {
            byte[] gaps = gaps(text.text(), dictionary);
            int[] tags = text.decode(piece -> {
                SequenceScores score = piece.scores();
                return decoder.decode(score.emissions(), score.offset(), score.length(), score.transitions(),
                        gaps == null ? null : masks(gaps, piece.from(), piece.to()), 0);
            });
            out.add(words(text.text(), tags));
        }
        return out;
    }

    /** Per gap between positions ({@code n + 1} of them), what must happen there; null when nothing is constrained. */
    private static byte[] gaps(NormalizedText normalized, UserDictionary dictionary) {
        int n = normalized.length();
        byte[] gaps = null;
        for (int i = 0; i < n; i++) {
            if (normalized.spaceBefore(i)) {
                gaps = gaps == null ? new byte[n + 1] : gaps;
                gaps[i] = UserDictionary.SPLIT;
            }
        }
        if (!normalized.runs().isEmpty()) {
            gaps = gaps == null ? new byte[n + 1] : gaps;
            constrainRuns(normalized, gaps);
        }
        if (!dictionary.isEmpty()) {
            byte[] withDictionary = gaps == null ? new byte[n + 1] : gaps;
            gaps = dictionary.constrain(normalized, withDictionary) || gaps != null ? withDictionary : null;
        }
        return gaps;
    }

    /**
     * Keeps each atomic run one word: never cut inside it, and, except a number, never glued to its
     * neighbours. A number may take what follows it, as the MSR standard writes a number and its unit
     * ({@code 2024年}, {@code 8999元}, {@code 10分钟}); before it, a Chinese character may only join it where
     * MSR writes one word for a date, time, ordinal or range ({@link #JOINS_A_FOLLOWING_NUMBER}), so that
     * {@code 售价8999元} is {@code 售价 | 8999元}.
     */
    private static void constrainRuns(NormalizedText text, byte[] gaps) {
        for (NormalizedText.Run run : text.runs()) {
            for (int i = run.from() + 1; i < run.to(); i++) {
                gaps[i] = UserDictionary.JOIN;
            }
            if (!run.span().kind().mayJoinNeighbours()) {
                gaps[run.from()] = UserDictionary.SPLIT;
                gaps[run.to()] = UserDictionary.SPLIT;
            } else if (run.from() > 0) {
                int before = text.codePoint(run.from() - 1);
                if (Character.UnicodeScript.of(before) == Character.UnicodeScript.HAN
                        && JOINS_A_FOLLOWING_NUMBER.indexOf(before) < 0) {
                    gaps[run.from()] = UserDictionary.SPLIT;
                }
            }
        }
    }

    /** The tags allowed at each position of {@code [from, to)}; the piece's own ends are always boundaries. */
    private long[] masks(byte[] gaps, int from, int to) {
        long[] masks = new long[to - from];
        long startsWord = 1L << b | 1L << s;
        long continuesWord = 1L << m | 1L << e;
        long endsWord = 1L << e | 1L << s;
        long wordGoesOn = 1L << b | 1L << m;
        for (int i = from; i < to; i++) {
            long mask = decoder.anyTag();
            byte left = i == from ? UserDictionary.SPLIT : gaps[i];
            byte right = i == to - 1 ? UserDictionary.SPLIT : gaps[i + 1];
            if (left == UserDictionary.SPLIT) {
                mask &= startsWord;
            } else if (left == UserDictionary.JOIN) {
                mask &= continuesWord;
            }
            if (right == UserDictionary.SPLIT) {
                mask &= endsWord;
            } else if (right == UserDictionary.JOIN) {
                mask &= wordGoesOn;
            }
            masks[i - from] = mask;
        }
        return masks;
    }

    /** The words of a text's tag path; every piece's last tag ends a word, as the grammar makes it. */
    private List<Word> words(NormalizedText text, int[] tags) {
        List<Word> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < tags.length; i++) {
            boolean endsWord = i == tags.length - 1 || tags[i] == e || tags[i] == s || tags[i + 1] == b || tags[i + 1] == s;
            if (endsWord) {
                int from = text.start(start);
                int to = text.end(i);
                words.add(new Word(text.original().substring(from, to), from, to));
                start = i + 1;
            }
        }
        return words;
    }

}
