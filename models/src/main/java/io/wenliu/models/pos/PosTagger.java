package io.wenliu.models.pos;

import ai.djl.translate.TranslateException;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.inference.CharacterTaggerArtifact;
import io.wenliu.models.inference.CharacterTagging;
import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.StudentArtifact;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.segment.Word;
import io.wenliu.models.text.AtomicSpan;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.text.PreTokenizer;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.WordPositions;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Steps 2 to 4 are {@link PosDecoder}'s, which also decodes scores computed elsewhere.
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

    private final ModelArtifact artifact;
    private final SequenceScorer model;
    private final PosDecoder decoder;
    /** The model input of each normalized code point (a vocabulary id, or for a teacher the code point itself). */
    private final IntUnaryOperator inputOf;

    PosTagger(ModelArtifact artifact, SequenceScorer model, IntUnaryOperator inputOf) {
        this.artifact = artifact;
        this.model = model;
        this.inputOf = inputOf;
        this.decoder = new PosDecoder(artifact);
    }

    /**
     * Opens what {@code settings.modelsDirectory()} deploys for this task: the one-pass student's head when
     * it holds a student (as the stream does), else the highest version under {@code pos/}.
     *
     * @throws IllegalStateException when there is none or it cannot be loaded
     */
    public static PosTagger open(ModelSettings settings) {
        Path dir = StudentArtifact.deployed(settings.modelsDirectory(), MODEL).orElseThrow(() ->
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
        return decoder.tagSet();
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
        List<int[]> ids = new ArrayList<>(texts.size());
        for (int k = 0; k < texts.size(); k++) {
            NormalizedText text = normalized.get(k);
            int[] textIds = CharacterTagging.ids(text, inputOf);
            if (artifact.wordPositions()) {
                packWordPositions(textIds, PosDecoder.boundaries(PosDecoder.wordOfPosition(text, words.get(k))),
                        artifact.vocabulary().size());
            }
            ids.add(textIds);
        }
        return decoder.tagScored(CharacterTagging.score(model, normalized, ids), words, decoding);
    }

    /**
     * Words and their tags as this model alone finds them (its {@code B-} tags start words; whitespace
     * always ends one), for when no segmenter is deployed.
     */
    public List<List<TaggedWord>> tagWords(List<String> texts) throws TranslateException {
        List<NormalizedText> normalized = texts.stream().map(NormalizedText::of).toList();
        List<int[]> ids = normalized.stream().map(text -> CharacterTagging.ids(text, inputOf)).toList();
        return decoder.tagWords(CharacterTagging.score(model, normalized, ids));
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
            if (boundary[i] != PosDecoder.FREE) {
                boolean ends = i + 1 == ids.length || boundary[i + 1] != PosDecoder.CONTINUES_WORD;
                ids[i] = WordPositions.pack(ids[i], WordPositions.of(boundary[i] == PosDecoder.STARTS_WORD, ends), vocabularySize);
            }
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
