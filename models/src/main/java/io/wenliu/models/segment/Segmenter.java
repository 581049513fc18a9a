package io.wenliu.models.segment;

import ai.djl.translate.TranslateException;
import io.wenliu.models.inference.CharacterTaggerArtifact;
import io.wenliu.models.inference.CharacterTagging;
import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.StudentArtifact;
import io.wenliu.models.inference.TaggerModel;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.text.PreTokenizer;
import java.nio.file.Path;
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
 *       {@link SegmentationDecoder#JOINS_A_FOLLOWING_NUMBER} for what may come before a number);</li>
 *   <li>the user dictionary, if any, pins words and cuts ({@link UserDictionary}); it may glue a run to
 *       its neighbours ({@code +卡拉OK}) but never cuts one;</li>
 *   <li>texts longer than the model's largest bucket are cut at sentence punctuation, and all pieces of
 *       all texts of a call are scored in bucketed batches ({@link CharacterTagging}); nothing is truncated;</li>
 *   <li>each piece is decoded by constrained Viterbi ({@link io.wenliu.models.crf.CrfDecoder} with the BMES grammar);</li>
 *   <li>words are reported with UTF-16 offsets into the original text and their original spelling.</li>
 * </ol>
 * The words of a text therefore cover all its non-whitespace characters, in order, without overlap.
 * All but the scoring is {@link SegmentationDecoder}'s, which also decodes scores computed elsewhere.
 *
 * <p>Owns its {@link TaggerModel} (load it once per JVM); {@link #close()} frees the native memory.
 * Thread-safe: concurrent calls use separate predictors.
 */
public final class Segmenter implements AutoCloseable {
    /** The artifact folder name under the models directory. */
    public static final String MODEL = "segmenter";
    /** The task a segmentation teacher's manifest names. */
    static final String TEACHER_TASK = "segmentation";

    private final ModelArtifact artifact;
    private final SequenceScorer model;
    private final UserDictionarySource userDictionary;
    private final IntUnaryOperator inputOf;
    private final SegmentationDecoder decoder;

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
        this.decoder = new SegmentationDecoder(artifact);
    }

    /**
     * Opens what {@code settings.modelsDirectory()} deploys for this task: the one-pass student's head when
     * it holds a student (as the stream does), else the highest version under {@code segmenter/}.
     *
     * @throws IllegalStateException when there is none or it cannot be loaded
     */
    public static Segmenter open(ModelSettings settings) {
        Path dir = StudentArtifact.deployed(settings.modelsDirectory(), MODEL).orElseThrow(() ->
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
        List<NormalizedText> normalized = texts.stream().map(NormalizedText::of).toList();
        List<int[]> ids = normalized.stream().map(text -> CharacterTagging.ids(text, inputOf)).toList();
        return decoder.decode(CharacterTagging.score(model, normalized, ids), dictionary);
    }

    @Override
    public void close() {
        model.close();
    }
}
