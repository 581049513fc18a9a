package io.wenliu.models.pos;

import ai.djl.translate.TranslateException;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.crf.CrfDecoder;
import io.wenliu.models.inference.CharacterTaggerArtifact;
import io.wenliu.models.inference.CharacterTagging;
import io.wenliu.models.inference.ScoredText;
import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.segment.Word;
import io.wenliu.models.text.AtomicSpan;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.text.PreTokenizer;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import io.wenliu.models.vocab.WordPositions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Part-of-speech tagging with a {@code B-<POS>}/{@code I-<POS>} character-tagger artifact
 * ({@code models/artifacts/pos/N}; the bundled model uses the Universal Dependencies UPOS tags).
 *
 * <p>The tags always fit the words they are asked for, which come from the segmenter, so a token's
 * part of speech is consistent with the segmentation the service reports:
 * <ol>
 *   <li>the text is normalized and chunked as for every character model ({@link NormalizedText},
 *       {@link CharacterTagging}); a character the vocabulary lacks is looked up in its treebank spelling
 *       if it has one (。 as '.'); a model trained with word positions (pos/3 on) gets each character's
 *       place in its given word packed into its id ({@link WordPositions}); all pieces of a call are
 *       scored in bucketed batches;</li>
 *   <li>{@link Decoding#CONSTRAINED} (the default): Viterbi ({@link CrfDecoder}) may only give a word's
 *       first character a {@code B-} tag and its other characters {@code I-} tags of the same type, so it
 *       finds the best tag path <em>for these words</em>;
 *       {@link Decoding#MAJORITY}: unconstrained Viterbi (how the model reads the text on its own);</li>
 *   <li>a word that is exactly an atomic run ({@link PreTokenizer}) has its part of speech fixed by its kind,
 *       as Universal Dependencies tags them: a number {@code NUM}, a URL, e-mail address or hashtag {@code X},
 *       a mention {@code PROPN}, an emoji {@code SYM} ({@link #partOfSpeech}); a Latin word is left to the model,
 *       as one word; a word that glues a run to more ({@code 2024年}) too;</li>
 *   <li>a word's tag is the majority type of its characters' tags, ties going to the earliest
 *       (the rule of {@code io.wenliu.models.train.PosEvaluator}); under constrained decoding a word's
 *       characters agree unless the word straddles two pieces of a very long text.</li>
 * </ol>
 * {@link #tagWords} also finds the words itself, from the model's own {@code B-} tags (it is a joint
 * segmenter and tagger), for when no segmenter is deployed.
 *
 * <p>Owns its {@link SequenceScorer} (load it once per JVM); {@link #close()} frees the native memory.
 * Thread-safe: concurrent calls use separate predictors.
 */
public final class PosTagger implements AutoCloseable {
    /** The artifact folder name under the models directory. */
    public static final String MODEL = "pos";
    /** The tag of a word with no character the model saw (cannot happen for segmenter words). */
    public static final String UNKNOWN_POS = "X";

    /** How word tags are decoded. */
    public enum Decoding {
        /** Viterbi restricted to tag paths that follow the given words: one type per word. */
        CONSTRAINED,
        /** Unconstrained Viterbi, then each word's majority type. */
        MAJORITY
    }

    /**
     * The part of speech of a word that is exactly an atomic run of this kind, as the UD guidelines tag it;
     * null for a Latin word, which the model tags (it may be a noun, a name, a foreign word).
     */
    public static String partOfSpeech(AtomicSpan.Kind kind) {
        return switch (kind) {
            case NUMBER -> "NUM";
            case URL, EMAIL, HASHTAG -> "X";
            case MENTION -> "PROPN";
            case EMOJI -> "SYM";
            case WORD -> null;
        };
    }

    /** Characters a treebank may spell otherwise: ideographic and half-width ideographic full stops as '.'. */
    private static final Map<Integer, Integer> TREEBANK_SPELLING = Map.of(0x3002, (int) '.', 0xFF61, (int) '.');

    private static final byte FREE = 0;
    private static final byte STARTS_WORD = 1;
    private static final byte CONTINUES_WORD = 2;

    private final ModelArtifact artifact;
    private final SequenceScorer model;
    private final LabelSet labels;
    private final WordTagConstraints constraints;
    private final CrfDecoder unconstrained;
    /** The model input of each normalized code point (a vocabulary id, or for a teacher the code point itself). */
    private final IntUnaryOperator inputOf;

    PosTagger(ModelArtifact artifact, SequenceScorer model, IntUnaryOperator inputOf) {
        this.artifact = artifact;
        this.model = model;
        this.inputOf = inputOf;
        this.labels = artifact.labels();
        try {
            this.constraints = new WordTagConstraints(labels);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The artifact " + artifact.directory() + " cannot tag parts of speech: "
                    + e.getMessage(), e);
        }
        this.unconstrained = new CrfDecoder(labels.size());
    }

    /**
     * Opens the highest version under {@code settings.modelsDirectory()/pos}.
     *
     * @throws IllegalStateException when there is none or it cannot be loaded
     */
    public static PosTagger open(ModelSettings settings) {
        Path dir = ModelArtifact.latestVersion(settings.modelsDirectory(), MODEL).orElseThrow(() ->
                new IllegalStateException("No part-of-speech artifact under " + settings.modelsDirectory().resolve(MODEL)
                        .toAbsolutePath() + "; run 'wenliu train pos' or set wenliu.models.dir"));
        return open(dir, settings);
    }

    /**
     * Opens the artifact in {@code artifactDirectory} with the device and batch size of {@code settings}:
     * a character network, or a teacher (fine-tuned BERT with a CRF head, {@link CharacterTaggerArtifact}),
     * which reads each character in its treebank spelling, as it was trained.
     */
    public static PosTagger open(Path artifactDirectory, ModelSettings settings) {
        CharacterTaggerArtifact opened = CharacterTaggerArtifact.open(artifactDirectory, MODEL, settings);
        IntUnaryOperator inputOf = TeacherSavedModel.isTeacher(artifactDirectory)
                ? codePoint -> TREEBANK_SPELLING.getOrDefault(codePoint, codePoint)
                : codePoint -> id(opened.artifact().vocabulary(), codePoint);
        return new PosTagger(opened.artifact(), opened.scorer(), inputOf);
    }

    /** A tagger over any scorer of the artifact's character ids (tests); production code calls {@link #open}. */
    public static PosTagger of(ModelArtifact artifact, SequenceScorer scorer) {
        return new PosTagger(artifact, scorer, codePoint -> id(artifact.vocabulary(), codePoint));
    }

    public ModelArtifact artifact() {
        return artifact;
    }

    /** The tag set: the types of the artifact's labels, in label order. */
    public List<String> tagSet() {
        return constraints.types();
    }

    /**
     * The part of speech of every given word, with constrained decoding.
     *
     * @param words per text, its words in text order with UTF-16 offsets into that text (as the segmenter reports them)
     * @return per text, one tag per word, in the order given
     */
    public List<List<String>> tag(List<String> texts, List<List<Word>> words) throws TranslateException {
        return tag(texts, words, Decoding.CONSTRAINED);
    }

    /** The part of speech of every given word, decoded as {@code decoding} says. */
    public List<List<String>> tag(List<String> texts, List<List<Word>> words, Decoding decoding) throws TranslateException {
        if (texts.size() != words.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + words.size() + " word lists");
        }
        List<NormalizedText> normalized = texts.stream().map(NormalizedText::of).toList();
        List<int[]> wordOfPosition = new ArrayList<>(texts.size());
        List<byte[]> boundaries = new ArrayList<>(texts.size());
        List<long[]> restrictions = new ArrayList<>(texts.size());
        for (int k = 0; k < texts.size(); k++) {
            NormalizedText text = normalized.get(k);
            int[] wordOf = wordOfPosition(text, words.get(k));
            byte[] boundary = new byte[text.length()];
            for (int i = 0; i < text.length(); i++) {
                boundary[i] = wordOf[i] < 0 ? FREE : i == 0 || wordOf[i - 1] != wordOf[i] ? STARTS_WORD : CONTINUES_WORD;
            }
            wordOfPosition.add(wordOf);
            boundaries.add(boundary);
            restrictions.add(runRestrictions(text, words.get(k)));
        }
        List<int[]> tags = decode(normalized, boundaries, restrictions, true, decoding == Decoding.CONSTRAINED);
        List<List<String>> out = new ArrayList<>(texts.size());
        for (int k = 0; k < texts.size(); k++) {
            int count = words.get(k).size();
            List<List<Integer>> positions = new ArrayList<>(count);
            for (int w = 0; w < count; w++) {
                positions.add(new ArrayList<>());
            }
            int[] wordOf = wordOfPosition.get(k);
            for (int i = 0; i < wordOf.length; i++) {
                if (wordOf[i] >= 0) {
                    positions.get(wordOf[i]).add(i);
                }
            }
            int[] path = tags.get(k);
            List<String> pos = new ArrayList<>(count);
            for (List<Integer> p : positions) {
                pos.add(majorityType(path, p));
            }
            out.add(pos);
        }
        return out;
    }

    /**
     * Words and their tags as this model alone finds them (its {@code B-} tags start words; whitespace
     * always ends one), for when no segmenter is deployed.
     */
    public List<List<TaggedWord>> tagWords(List<String> texts) throws TranslateException {
        List<NormalizedText> normalized = texts.stream().map(NormalizedText::of).toList();
        List<byte[]> boundaries = new ArrayList<>(texts.size());
        List<long[]> restrictions = new ArrayList<>(texts.size());
        for (NormalizedText text : normalized) {
            byte[] boundary = new byte[text.length()];
            for (int i = 0; i < text.length(); i++) {
                boundary[i] = i == 0 || text.spaceBefore(i) ? STARTS_WORD : FREE;
            }
            List<Word> runWords = new ArrayList<>();
            for (NormalizedText.Run run : text.runs()) { // each run is one word, as the segmenter makes it
                boundary[run.from()] = STARTS_WORD;
                Arrays.fill(boundary, run.from() + 1, run.to(), CONTINUES_WORD);
                if (run.to() < boundary.length && !run.span().kind().mayJoinNeighbours()) {
                    boundary[run.to()] = STARTS_WORD;
                }
                if (!run.span().kind().mayJoinNeighbours()) { // a number may yet take its unit
                    runWords.add(new Word(run.span().text(), run.span().start(), run.span().end()));
                }
            }
            boundaries.add(boundary);
            restrictions.add(runRestrictions(text, runWords));
        }
        List<int[]> tags = decode(normalized, boundaries, restrictions, false, true);
        List<List<TaggedWord>> out = new ArrayList<>(texts.size());
        for (int k = 0; k < texts.size(); k++) {
            NormalizedText text = normalized.get(k);
            int[] path = tags.get(k);
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
     * Per text, one tag id per position.
     *
     * @param boundaries per text and position, whether it starts a word, continues one or (neither) is free
     * @param restrictions per text, null or the allowed-tag mask of each position
     * @param words      whether {@code boundaries} are the words (then they give a model that takes word
     *                   positions its input) or only places where words must start
     * @param constrain  whether decoding must follow {@code boundaries} and {@code restrictions}
     */
    private List<int[]> decode(List<NormalizedText> texts, List<byte[]> boundaries, List<long[]> restrictions,
                               boolean words, boolean constrain) throws TranslateException {
        List<int[]> ids = new ArrayList<>(texts.size());
        for (int k = 0; k < texts.size(); k++) {
            int[] textIds = CharacterTagging.ids(texts.get(k), inputOf);
            if (artifact.wordPositions() && words) {
                packWordPositions(textIds, boundaries.get(k), artifact.vocabulary().size());
            }
            ids.add(textIds);
        }
        List<ScoredText> scored = CharacterTagging.score(model, texts, ids);
        List<int[]> out = new ArrayList<>(texts.size());
        for (int k = 0; k < texts.size(); k++) {
            byte[] boundary = constrain ? boundaries.get(k) : null;
            long[] restriction = restrictions.get(k);
            out.add(scored.get(k).decode(piece -> {
                SequenceScores score = piece.scores();
                return boundary == null
                        ? unconstrained.decode(score.emissions(), score.offset(), score.length(), score.transitions(), null, 0)
                        : constraints.decoder().decode(score.emissions(), score.offset(), score.length(), score.transitions(),
                                masks(boundary, restriction, piece.from(), piece.to()), 0);
            }));
        }
        return out;
    }

    /**
     * The vocabulary id of a normalized character, trying its treebank spelling when the vocabulary lacks
     * it: UD Chinese GSD writes the ideographic full stop 。 as '.', so a model trained on it has never
     * seen 。, the commonest sentence end in real text.
     */
    static int id(CharVocabulary vocabulary, int codePoint) {
        int id = vocabulary.id(codePoint);
        if (id == CharVocabulary.UNKNOWN_ID) {
            int spelling = TREEBANK_SPELLING.getOrDefault(codePoint, codePoint);
            return spelling == codePoint ? id : vocabulary.id(spelling);
        }
        return id;
    }

    /** Packs each position's place in its word into its id; characters outside every word keep their plain id. */
    private static void packWordPositions(int[] ids, byte[] boundary, int vocabularySize) {
        for (int i = 0; i < ids.length; i++) {
            if (boundary[i] != FREE) {
                boolean ends = i + 1 == ids.length || boundary[i + 1] != CONTINUES_WORD;
                ids[i] = WordPositions.pack(ids[i], WordPositions.of(boundary[i] == STARTS_WORD, ends), vocabularySize);
            }
        }
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
            String pos = partOfSpeech(run.span().kind());
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

    /** For each position, the index of the word that holds it, or -1. */
    private static int[] wordOfPosition(NormalizedText text, List<Word> words) {
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
            return UNKNOWN_POS;
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

    @Override
    public void close() {
        model.close();
    }
}
