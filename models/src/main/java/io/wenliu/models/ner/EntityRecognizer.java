package io.wenliu.models.ner;

import ai.djl.translate.TranslateException;
import io.wenliu.models.crf.CrfDecoder;
import io.wenliu.models.crf.CrfMarginals;
import io.wenliu.models.inference.CharacterTaggerArtifact;
import io.wenliu.models.inference.CharacterTagging;
import io.wenliu.models.inference.ScoredText;
import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.text.AtomicSpan;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *       unknown characters for the rare characters of names;</li>
 *   <li>the text's atomic runs ({@link io.wenliu.models.text.PreTokenizer}) constrain decoding: a URL,
 *       e-mail address, mention, hashtag or emoji is never in an entity, and an entity never starts or
 *       ends inside a Latin word or a number ({@code 苹果公司CEO蒂姆·库克}: a name cannot start at {@code O});</li>
 *   <li>each piece is decoded by Viterbi ({@link CrfDecoder}), by default ({@link Decoding#CONSTRAINED})
 *       over valid BIO paths only; with {@link Decoding#FREE}, over all paths as the trainer scored its dev
 *       set, where an {@code I-X} that does not continue an {@code X} entity opens one (it is repaired to
 *       {@code B-X}, as conlleval reads it);</li>
 *   <li>a span without any letter (only emoji, symbols, digits or punctuation, which the model mostly
 *       sees as unknown characters) is not reported: it cannot be a name;</li>
 *   <li>each entity {@code X} over positions {@code [s, e)} gets as confidence the CRF's probability, by
 *       forward-backward ({@link CrfMarginals}), that position {@code s} is {@code B-X}, positions
 *       {@code s+1 … e-1} are {@code I-X} and position {@code e} is not {@code I-X}: the probability
 *       that exactly this span is an entity of this type;</li>
 *   <li>entities are reported with UTF-16 offsets into the original text and their original spelling.</li>
 * </ol>
 *
 * <p>Owns its {@link SequenceScorer} (load it once per JVM); {@link #close()} frees the native memory.
 * Thread-safe: concurrent calls use separate predictors.
 */
public final class EntityRecognizer implements AutoCloseable {
    /** The artifact folder name under the models directory. */
    public static final String MODEL = "ner";
    private static final String OUTSIDE = "O";
    /**
     * What the model is shown for each position of an emoji. It never saw emoji, and an unknown character
     * in its training text is most often a rare character of a name, so {@code 张伟😂😂} read as
     * {@code 张伟<unk><unk>} looks like a four-character name; an exclamation mark is what an emoji most
     * often stands for in a sentence.
     */
    private static final int EMOJI_READ_AS = '!';

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
    private final CrfDecoder free;
    private final CrfDecoder constrained;
    private final LabelSet labels;
    /** Per tag id: the entity type, or null for O. */
    private final String[] typeOf;
    /** Per tag id: whether it is an I- tag. */
    private final boolean[] inside;
    /** Per type: its B- and I- tag ids. */
    private final Map<String, int[]> tagsOfType = new LinkedHashMap<>();
    /** The allowed-tag mask of a position that is never in an entity. */
    private final long outsideMask;

    /** The model input of each normalized code point: its vocabulary id, or itself for a teacher (it reads word pieces). */
    private final IntUnaryOperator inputOf;

    EntityRecognizer(ModelArtifact artifact, SequenceScorer model, IntUnaryOperator inputOf) {
        this.artifact = artifact;
        this.model = model;
        this.inputOf = inputOf;
        this.labels = artifact.labels();
        int n = labels.size();
        typeOf = new String[n];
        inside = new boolean[n];
        for (int id = 0; id < n; id++) {
            String label = labels.label(id);
            if (label.equals(OUTSIDE)) {
                continue;
            }
            if (!label.startsWith("B-") && !label.startsWith("I-") || label.length() < 3) {
                throw new IllegalStateException("The artifact " + artifact.directory() + " is not a BIO tagger: label '"
                        + label + "' is neither O nor B-<type> nor I-<type>");
            }
            typeOf[id] = label.substring(2);
            inside[id] = label.startsWith("I-");
        }
        for (String type : typeOf) {
            if (type != null && !tagsOfType.containsKey(type)) {
                try {
                    tagsOfType.put(type, new int[] {labels.id("B-" + type), labels.id("I-" + type)});
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("The artifact " + artifact.directory() + " has no B-/I- pair for "
                            + type + ": " + e.getMessage(), e);
                }
            }
        }
        boolean[] any = new boolean[n * n];
        boolean[] transitions = new boolean[n * n];
        boolean[] tied = new boolean[n * n];
        boolean[] first = new boolean[n];
        boolean[] all = new boolean[n];
        Arrays.fill(any, true);
        Arrays.fill(all, true);
        for (int to = 0; to < n; to++) {
            first[to] = !inside[to];
            for (int from = 0; from < n; from++) {
                transitions[from * n + to] = !inside[to] || typeOf[to].equals(typeOf[from]);
                // inside an atomic run: O stays O, an entity goes on
                tied[from * n + to] = typeOf[from] == null ? typeOf[to] == null : inside[to] && typeOf[to].equals(typeOf[from]);
            }
        }
        this.free = new CrfDecoder(n, any, all, all, tied);
        this.constrained = new CrfDecoder(n, transitions, first, all, tied);
        this.outsideMask = 1L << labels.id(OUTSIDE);
    }

    /**
     * Opens the highest version under {@code settings.modelsDirectory()/ner}.
     *
     * @throws IllegalStateException when there is none or it cannot be loaded
     */
    public static EntityRecognizer open(ModelSettings settings) {
        Path dir = ModelArtifact.latestVersion(settings.modelsDirectory(), MODEL).orElseThrow(() ->
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
        return List.copyOf(tagsOfType.keySet());
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
            for (NormalizedText.Run run : t.runs()) {
                if (run.span().kind() == AtomicSpan.Kind.EMOJI) {
                    Arrays.fill(textIds, run.from(), run.to(), inputOf.applyAsInt(EMOJI_READ_AS));
                }
            }
            normalized.add(t);
            ids.add(textIds);
        }
        CrfDecoder decoder = decoding == Decoding.FREE ? free : constrained;
        List<Recognition> out = new ArrayList<>(texts.size());
        for (ScoredText scored : CharacterTagging.score(model, normalized, ids)) {
            NormalizedText text = scored.text();
            List<String> tags = new ArrayList<>(text.length());
            List<NamedEntity> entities = new ArrayList<>();
            RunConstraints runs = runConstraints(text);
            for (ScoredText.Piece piece : scored.pieces()) {
                decodePiece(decoder, text, runs, piece.from(), piece.scores(), tags, entities);
            }
            out.add(new Recognition(text, tags, entities));
        }
        return out;
    }

    /** Decodes one piece starting at position {@code offset} of {@code text}, appending its tags and entities. */
    private void decodePiece(CrfDecoder decoder, NormalizedText text, RunConstraints runs, int offset,
                             SequenceScores score, List<String> tags, List<NamedEntity> entities) {
        int length = score.length();
        int[] path = decoder.decode(score.emissions(), score.offset(), length, score.transitions(), runs.allowed(),
                runs.tied(), offset);
        CrfMarginals marginals = null; // computed only for pieces that hold an entity
        int i = 0;
        while (i < length) {
            String type = typeOf[path[i]];
            if (type == null) {
                tags.add(OUTSIDE);
                i++;
                continue;
            }
            int[] typeTags = tagsOfType.get(type);
            int end = i + 1;
            while (end < length && inside[path[end]] && type.equals(typeOf[path[end]])) {
                end++;
            }
            if (!hasLetter(text, offset + i, offset + end)) { // emoji or punctuation only: never a name
                for (int k = i; k < end; k++) {
                    tags.add(OUTSIDE);
                }
                i = end;
                continue;
            }
            int[] spanPath = new int[end - i];
            Arrays.fill(spanPath, typeTags[1]);
            spanPath[0] = typeTags[0];
            for (int tag : spanPath) {
                tags.add(labels.label(tag));
            }
            if (marginals == null) {
                marginals = CrfMarginals.of(score.emissions(), score.offset(), length, score.transitions(), labels.size());
            }
            double confidence = marginals.pathProbabilityNotFollowedBy(i, spanPath, typeTags[1]);
            int from = text.start(offset + i);
            int to = text.end(offset + end - 1);
            entities.add(new NamedEntity(type, text.original().substring(from, to), from, to, confidence));
            i = end;
        }
    }

    /**
     * What the atomic runs of {@code text} allow: a URL, e-mail address, mention, hashtag or emoji is never
     * in an entity (its positions may only be O); inside a Latin word or a number every position is tied to
     * the one before, so an entity neither starts nor ends there.
     */
    private RunConstraints runConstraints(NormalizedText text) {
        if (text.runs().isEmpty()) {
            return RunConstraints.NONE;
        }
        int n = text.length();
        long[] allowed = null;
        boolean[] tied = new boolean[n];
        for (NormalizedText.Run run : text.runs()) {
            if (run.span().kind().isMarkup()) {
                if (allowed == null) {
                    allowed = new long[n];
                    Arrays.fill(allowed, -1L);
                }
                Arrays.fill(allowed, run.from(), run.to(), outsideMask);
            } else {
                Arrays.fill(tied, run.from() + 1, run.to(), true);
            }
        }
        return new RunConstraints(allowed, tied);
    }

    /** Per position of a text: allowed tags (null: any) and whether it is tied to the position before. */
    private record RunConstraints(long[] allowed, boolean[] tied) {
        static final RunConstraints NONE = new RunConstraints(null, null);
    }

    private static boolean hasLetter(NormalizedText text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLetter(text.codePoint(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        model.close();
    }
}
