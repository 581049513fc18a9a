package io.wenliu.models.ner;

import ai.djl.translate.TranslateException;
import io.wenliu.models.inference.CharacterTaggerArtifact;
import io.wenliu.models.inference.CharacterTagging;
import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.StudentArtifact;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.text.NormalizedText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Named-entity recognition with a BIO character-tagger artifact ({@code models/artifacts/ner/N}, tags
 * {@code O}, {@code B-X}, {@code I-X} for each type X, e.g. PER, LOC, ORG).
 *
 * <p>For each text:
 * <ol>
 *   <li>whitespace is dropped and every other code point normalized ({@link NormalizedText}), as in training;</li>
 *   <li>texts longer than the model's largest bucket are cut at sentence punctuation, and all pieces of
 *       all texts of a call are scored in bucketed batches ({@link CharacterTagging}); nothing is truncated,
 *       and an entity never spans two pieces;</li>
 *   <li>an emoji is shown to the model as an exclamation mark, for the model never saw emoji and takes
 *       unknown characters for the rare characters of names ({@link CharacterTagging#readEmojiAsExclamation});</li>
 *   <li>the text's atomic runs ({@link io.wenliu.models.text.PreTokenizer}) constrain decoding: a URL,
 *       e-mail address, mention, hashtag or emoji is never in an entity, and an entity never starts or
 *       ends inside a Latin word or a number ({@code 苹果公司CEO蒂姆·库克}: a name cannot start at {@code O});</li>
 *   <li>each piece is decoded by Viterbi ({@link io.wenliu.models.crf.CrfDecoder}), by default ({@link Decoding#CONSTRAINED})
 *       over valid BIO paths only; with {@link Decoding#FREE}, over all paths as the trainer scored its dev
 *       set, where an {@code I-X} that does not continue an {@code X} entity opens one (it is repaired to
 *       {@code B-X}, as conlleval reads it);</li>
 *   <li>a span without any letter (only emoji, symbols, digits or punctuation, which the model mostly
 *       sees as unknown characters) is not reported: it cannot be a name;</li>
 *   <li>each entity {@code X} over positions {@code [s, e)} gets as confidence the CRF's probability, by
 *       forward-backward ({@link io.wenliu.models.crf.CrfMarginals}), that position {@code s} is {@code B-X}, positions
 *       {@code s+1 … e-1} are {@code I-X} and position {@code e} is not {@code I-X}: the probability
 *       that exactly this span is an entity of this type;</li>
 *   <li>entities are reported with UTF-16 offsets into the original text and their original spelling.</li>
 * </ol>
 *
 * Steps 4 on are {@link EntityDecoder}'s, which also decodes scores computed elsewhere.
 *
 * <p>Owns its {@link SequenceScorer} (load it once per JVM); {@link #close()} frees the native memory.
 * Thread-safe: concurrent calls use separate predictors.
 */
public final class EntityRecognizer implements AutoCloseable {
    /** The artifact folder name under the models directory. */
    public static final String MODEL = "ner";

    /** How tag paths are decoded. */
    public enum Decoding {
        /** Viterbi over valid BIO paths only: {@code I-X} only after {@code B-X} or {@code I-X}. */
        CONSTRAINED,
        /** Viterbi over all paths, as the trainer scores its dev set; a stray {@code I-X} opens an entity. */
        FREE
    }

    /** The decoding {@link #analyze(List)} and {@link #recognize} use: it scored higher on MSRA dev. */
    public static final Decoding DEFAULT_DECODING = Decoding.CONSTRAINED;

    private final ModelArtifact artifact;
    private final SequenceScorer model;
    private final EntityDecoder decoder;
    /** The model input of each normalized code point: its vocabulary id, or itself for a teacher (it reads word pieces). */
    private final IntUnaryOperator inputOf;

    EntityRecognizer(ModelArtifact artifact, SequenceScorer model, IntUnaryOperator inputOf) {
        this.artifact = artifact;
        this.model = model;
        this.inputOf = inputOf;
        this.decoder = new EntityDecoder(artifact);
    }

    /**
     * Opens what {@code settings.modelsDirectory()} deploys for this task: the one-pass student's head when
     * it holds a student (as the stream does), else the highest version under {@code ner/}.
     *
     * @throws IllegalStateException when there is none or it cannot be loaded
     */
    public static EntityRecognizer open(ModelSettings settings) {
        Path dir = StudentArtifact.deployed(settings.modelsDirectory(), MODEL).orElseThrow(() ->
                new IllegalStateException("No NER artifact under " + settings.modelsDirectory().resolve(MODEL).toAbsolutePath()
                        + "; run 'wenliu train ner' or set wenliu.models.dir"));
        return open(dir, settings);
    }

    /**
     * Opens the artifact in {@code artifactDirectory} with the device and batch size of {@code settings}:
     * a character network, or a teacher (fine-tuned BERT with a CRF head) whose SavedModel is first
     * materialized from its fine-tuned weights and the pre-trained encoder ({@link CharacterTaggerArtifact}).
     */
    public static EntityRecognizer open(Path artifactDirectory, ModelSettings settings) {
        CharacterTaggerArtifact opened = CharacterTaggerArtifact.open(artifactDirectory, MODEL, settings);
        return new EntityRecognizer(opened.artifact(), opened.scorer(), opened.inputOf());
    }

    /**
     * A recognizer over any scorer of the artifact's character ids, e.g. a fixed table in tests;
     * production code calls {@link #open}.
     *
     * @param scorer closed with the recognizer
     */
    public static EntityRecognizer of(ModelArtifact artifact, SequenceScorer scorer) {
        return new EntityRecognizer(artifact, scorer, artifact.vocabulary()::id);
    }

    public ModelArtifact artifact() {
        return artifact;
    }

    /** The entity types the model knows, in label order. */
    public List<String> types() {
        return decoder.types();
    }

    /** The entities of one text. */
    public List<NamedEntity> recognize(String text) throws TranslateException {
        return analyze(List.of(text)).get(0).entities();
    }

    /** The entities of each text, in the order given; one model pass for the whole list. */
    public List<List<NamedEntity>> recognize(List<String> texts) throws TranslateException {
        return analyze(texts).stream().map(Recognition::entities).toList();
    }

    /**
     * Character tags and entities of each text, in the order given, decoded with
     * {@link #DEFAULT_DECODING}; one model pass for the whole list.
     */
    public List<Recognition> analyze(List<String> texts) throws TranslateException {
        return analyze(texts, DEFAULT_DECODING);
    }

    /** Character tags and entities of each text, in the order given; one model pass for the whole list. */
    public List<Recognition> analyze(List<String> texts, Decoding decoding) throws TranslateException {
        List<NormalizedText> normalized = new ArrayList<>(texts.size());
        List<int[]> ids = new ArrayList<>(texts.size());
        for (String text : texts) {
            NormalizedText t = NormalizedText.of(text);
            int[] textIds = CharacterTagging.ids(t, inputOf);
            CharacterTagging.readEmojiAsExclamation(t, textIds, inputOf);
            normalized.add(t);
            ids.add(textIds);
        }
        return decoder.decode(CharacterTagging.score(model, normalized, ids), decoding);
    }

    @Override
    public void close() {
        model.close();
    }
}
