package io.wenliu.models.segment;

import ai.djl.translate.TranslateException;
import io.wenliu.models.crf.CrfDecoder;
import io.wenliu.models.inference.CharacterTaggerArtifact;
import io.wenliu.models.inference.CharacterTagging;
import io.wenliu.models.inference.ScoredText;
import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.inference.TaggerModel;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.text.PreTokenizer;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Chinese word segmentation with a BMES character-tagger artifact ({@code models/artifacts/segmenter/N}).
 *
 * <p>For each text:
 * <ol>
 *   <li>whitespace is dropped and every other code point normalized ({@link NormalizedText}); a word
 *       boundary is forced wherever whitespace was, so no word contains or is whitespace;</li>
 *   <li>each atomic run ({@link PreTokenizer}: a Latin word, number, URL, e-mail address, mention,
 *       hashtag or emoji) is one word: never cut, and never glued to the characters around it, except
 *       that a number may take its unit ({@code 2024年}) as the MSR standard writes it (see
 *       {@link #JOINS_A_FOLLOWING_NUMBER} for what may come before a number);</li>
 *   <li>the user dictionary, if any, pins words and cuts ({@link UserDictionary}); it may glue a run to
 *       its neighbours ({@code +卡拉OK}) but never cuts one;</li>
 *   <li>texts longer than the model's largest bucket are cut at sentence punctuation, and all pieces of
 *       all texts of a call are scored in bucketed batches ({@link CharacterTagging}); nothing is truncated;</li>
 *   <li>each piece is decoded by constrained Viterbi ({@link CrfDecoder} with the BMES grammar);</li>
 *   <li>words are reported with UTF-16 offsets into the original text and their original spelling.</li>
 * </ol>
 * The words of a text therefore cover all its non-whitespace characters, in order, without overlap.
 *
 * <p>Owns its {@link TaggerModel} (load it once per JVM); {@link #close()} frees the native memory.
 * Thread-safe: concurrent calls use separate predictors.
 */
public final class Segmenter implements AutoCloseable {
    /** The artifact folder name under the models directory. */
    public static final String MODEL = "segmenter";
    /** The task a segmentation teacher's manifest names. */
    static final String TEACHER_TASK = "segmentation";

    /**
     * Chinese characters that MSR writes in one word with the number after them: parts of a date or time
     * ({@code 1997年1月1日}, {@code 8时30分}), an ordinal ({@code 第3}), a range ({@code 3至5}).
     */
    static final String JOINS_A_FOLLOWING_NUMBER = "年月日时分秒午晨第至";

    private final ModelArtifact artifact;
    private final SequenceScorer model;
    private final UserDictionarySource userDictionary;
    private final IntUnaryOperator inputOf;
    private final CrfDecoder decoder;
    private final int b;
    private final int m;
    private final int e;
    private final int s;

    /**
     * @param artifact       the model's vocabulary, labels and identity
     * @param model          scores the artifact's character ids; closed with this segmenter
     * @param userDictionary null for none
     */
    Segmenter(ModelArtifact artifact, SequenceScorer model, UserDictionarySource userDictionary) {
        this(artifact, model, artifact.vocabulary()::id, userDictionary);
    }

    /** @param inputOf the model input of each normalized code point (vocabulary id, or the code point for a teacher) */
    private Segmenter(ModelArtifact artifact, SequenceScorer model, IntUnaryOperator inputOf, UserDictionarySource userDictionary) {
        this.artifact = artifact;
        this.model = model;
        this.inputOf = inputOf;
        this.userDictionary = userDictionary;
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

    /**
     * Opens the highest version under {@code settings.modelsDirectory()/segmenter}.
     *
     * @throws IllegalStateException when there is none or it cannot be loaded
     */
    public static Segmenter open(ModelSettings settings) {
        Path dir = ModelArtifact.latestVersion(settings.modelsDirectory(), MODEL).orElseThrow(() ->
                new IllegalStateException("No segmenter artifact under " + settings.modelsDirectory().resolve(MODEL).toAbsolutePath()
                        + "; run 'wenliu train segmenter' or set wenliu.models.dir"));
        return open(dir, settings);
    }

    /**
     * Opens the artifact in {@code artifactDirectory} (a character network or a teacher, see
     * {@link CharacterTaggerArtifact}) with the device, batch size and dictionary of {@code settings}.
     */
    public static Segmenter open(Path artifactDirectory, ModelSettings settings) {
        ReloadingUserDictionary dictionary = settings.userDictionary() == null ? null
                : new ReloadingUserDictionary(settings.userDictionary());
        CharacterTaggerArtifact opened = CharacterTaggerArtifact.open(artifactDirectory, TEACHER_TASK, settings);
        return new Segmenter(opened.artifact(), opened.scorer(), opened.inputOf(), dictionary);
    }

    /**
     * A segmenter over any scorer of the artifact's character ids, e.g. a fixed table in the tests of
     * code that uses a segmenter; production code calls {@link #open}.
     *
     * @param scorer         closed with the segmenter
     * @param userDictionary null for none
     */
    public static Segmenter of(ModelArtifact artifact, SequenceScorer scorer, UserDictionarySource userDictionary) {
        return new Segmenter(artifact, scorer, userDictionary);
    }

    /** The BMES grammar: a word is S or B M* E. */
    static CrfDecoder bmesDecoder(int tags, int b, int m, int e, int s) {
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

    public ModelArtifact artifact() {
        return artifact;
    }

    /** Where this segmenter's own user dictionary comes from (an empty one when it has none). */
    public UserDictionarySource userDictionary() {
        return userDictionary == null ? UserDictionary::empty : userDictionary;
    }

    /** The words of one text. */
    public List<Word> segment(String text) throws TranslateException {
        return segment(List.of(text)).get(0);
    }

    /** The words of each text, in the order given, with this segmenter's user dictionary; one model pass for the whole list. */
    public List<List<Word>> segment(List<String> texts) throws TranslateException {
        return segment(texts, userDictionary == null ? UserDictionary.empty() : userDictionary.current());
    }

    /**
     * The words of each text with {@code dictionary} instead of this segmenter's own: for callers that
     * take one snapshot of a changing dictionary and must say which one they used.
     */
    public List<List<Word>> segment(List<String> texts, UserDictionary dictionary) throws TranslateException {
        List<NormalizedText> normalizedTexts = new ArrayList<>(texts.size());
        List<int[]> ids = new ArrayList<>(texts.size());
        List<byte[]> gapsOfText = new ArrayList<>(texts.size());
        for (String text : texts) {
            NormalizedText normalized = NormalizedText.of(text);
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
            normalizedTexts.add(normalized);
            ids.add(CharacterTagging.ids(normalized, inputOf));
            gapsOfText.add(gaps);
        }
        List<ScoredText> scored = CharacterTagging.score(model, normalizedTexts, ids);
        List<List<Word>> out = new ArrayList<>(texts.size());
        for (int k = 0; k < texts.size(); k++) {
            byte[] gaps = gapsOfText.get(k);
            int[] tags = scored.get(k).decode(piece -> {
                SequenceScores score = piece.scores();
                return decoder.decode(score.emissions(), score.offset(), score.length(), score.transitions(),
                        gaps == null ? null : masks(gaps, piece.from(), piece.to()), 0);
            });
            out.add(words(normalizedTexts.get(k), tags));
        }
        return out;
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

    @Override
    public void close() {
        model.close();
    }
}
