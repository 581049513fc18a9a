package io.wenliu.models.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wenliu.models.graph.ClassifierSignature;
import io.wenliu.models.graph.SeededDropout;
import io.wenliu.models.runtime.ArtifactFiles;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.SavedModelCache;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The servable form of a teacher artifact. A teacher artifact holds only its fine-tuned weights
 * ({@value #WEIGHTS}, half precision; none for the zero-shot sentence encoder) and a manifest naming
 * the pre-trained encoder; this merges them with the encoder's weights from the Maven artifact into a
 * SavedModel with the sentiment classifier's signature ({@value #INPUT_TOKEN_IDS} → {@value #OUTPUT_LOGIT},
 * {@value #OUTPUT_POSITIVE_PROBABILITY}) or the similarity model's ({@value #INPUT_TOKEN_IDS} →
 * {@value #OUTPUT_EMBEDDINGS}) or a character tagger's ({@value #INPUT_TOKEN_IDS}, {@value #INPUT_CHARACTER_PIECES}
 * → {@value #OUTPUT_EMISSIONS}, {@value #OUTPUT_TRANSITIONS}: CRF scores per character), written once to a {@link SavedModelCache} folder keyed by the weights' SHA-256 (the
 * repository stays small; the ~95 MB SavedModel lives outside it). Stateless.
 */
public final class TeacherSavedModel {
    public static final String WEIGHTS = "fine-tuned.f16";
    public static final String INPUT_TOKEN_IDS = ClassifierSignature.INPUT_TOKEN_IDS;
    public static final String OUTPUT_LOGIT = ClassifierSignature.OUTPUT_LOGIT;
    public static final String OUTPUT_POSITIVE_PROBABILITY = ClassifierSignature.OUTPUT_POSITIVE_PROBABILITY;
    public static final String OUTPUT_EMBEDDINGS = "embeddings";
    public static final String INPUT_CHARACTER_PIECES = "character_pieces";
    public static final String OUTPUT_EMISSIONS = "emissions";
    public static final String OUTPUT_TRANSITIONS = "transitions";
    /** Where materialized SavedModels go: {@link SavedModelCache#DIRECTORY_PROPERTY}. */
    public static final String CACHE_DIR_PROPERTY = SavedModelCache.DIRECTORY_PROPERTY;

    private TeacherSavedModel() {
    }

    /** Whether {@code artifactDir} holds a teacher artifact (its manifest names a pre-trained encoder). */
    public static boolean isTeacher(Path artifactDir) {
        Path manifest = artifactDir.resolve(ModelArtifact.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return false;
        }
        try {
            JsonNode root = new ObjectMapper().readTree(manifest.toFile());
            return root.has("encoder");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + manifest.toAbsolutePath(), e);
        }
    }

    /**
     * The teacher artifact in {@code artifactDir} as the model stages see artifacts: its manifest's name
     * and task, 512 positions, no character vocabulary (it reads word pieces), its tags (a tagger's
     * {@code labels.txt}) or negative/positive.
     */
    public static ModelArtifact artifact(Path artifactDir) {
        Path manifestFile = artifactDir.resolve(ModelArtifact.MANIFEST);
        try {
            JsonNode manifest = new ObjectMapper().readTree(manifestFile.toFile());
            return new ModelArtifact(artifactDir, manifest.path("name").asText(), manifest.path("task").asText(),
                    artifactDir.getFileName().toString(), manifest.path("maxLength").asInt(512),
                    CharVocabulary.of(List.of()), Files.isRegularFile(artifactDir.resolve(LabelSet.FILE_NAME))
                            ? LabelSet.load(artifactDir) : new LabelSet(List.of("negative", "positive")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + manifestFile.toAbsolutePath(), e);
        }
    }

    /** The SavedModel of the bge-small-zh sentiment teacher in {@code artifactDir}, made now unless cached. */
    public static Path materialize(Path artifactDir) {
        return cached(fineTunedWeights(artifactDir), "classifier", (pretrained, target) ->
                export(artifactDir, pretrained, pretrained.config(BertConfig.BGE_SMALL_ZH_HEADS), target));
    }

    /** The SavedModel of the bge-small-zh character tagger teacher in {@code artifactDir}, made now unless cached. */
    public static Path materializeTagger(Path artifactDir) {
        return cached(fineTunedWeights(artifactDir), "tagger", (pretrained, target) ->
                exportTagger(artifactDir, pretrained, pretrained.config(BertConfig.BGE_SMALL_ZH_HEADS), target));
    }

    /**
     * The SavedModel of a zero-shot bge-small-zh sentence encoder ({@value #INPUT_TOKEN_IDS} →
     * {@value #OUTPUT_EMBEDDINGS}, the L2-normalised [CLS] vectors), made now unless cached.
     */
    public static Path materializeSentenceEncoder() {
        return cached(null, "sentence-encoder", (pretrained, target) ->
                exportSentenceEncoder(pretrained, pretrained.config(BertConfig.BGE_SMALL_ZH_HEADS), target));
    }

    private static Path fineTunedWeights(Path artifactDir) {
        Path weights = artifactDir.resolve(WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw new IllegalStateException("No " + WEIGHTS + " in the teacher artifact " + artifactDir.toAbsolutePath()
                    + "; re-run its 'wenliu train teacher-...' command");
        }
        return weights;
    }

    @FunctionalInterface
    private interface Export {
        void write(BertWeights pretrained, Path target) throws IOException;
    }

    private static Path cached(Path weights, String kind, Export export) {
        String key;
        try {
            key = kind + "-" + (weights == null ? "bge-small-zh-v1.5" : ArtifactFiles.sha256(weights).substring(0, 24));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + weights.toAbsolutePath(), e);
        }
        return SavedModelCache.get(key, target -> export.write(BertWeights.bgeSmallZh(), target));
    }

    /**
     * Writes to {@code target} the SavedModel of the artifact in {@code artifactDir}: {@code pretrained}'s
     * weights with the artifact's fine-tuned ones in their place.
     */
    public static void export(Path artifactDir, BertWeights pretrained, BertConfig config, Path target) throws IOException {
        Map<String, OnnxGraph.Tensor> fineTuned = HalfPrecisionWeights.read(artifactDir.resolve(WEIGHTS));
        ArtifactFiles.exportSavedModel(target,
                name -> fineTuned.containsKey(name) ? fineTuned.get(name).values()
                        : pretrained.has(name) ? pretrained.get(name).values() : null,
                (tf, params) -> {
                    BertClassifierNetwork network = new BertClassifierNetwork(tf, config, params, new SeededDropout(tf, 0f, 0L));
                    return ClassifierSignature.signature(tf, ids -> network.logits(ids, false));
                });
    }

    /**
     * Writes to {@code target} the SavedModel of the tagger artifact in {@code artifactDir} (its tags from
     * its {@code labels.txt}): {@code pretrained}'s weights with the artifact's fine-tuned ones in their place.
     */
    public static void exportTagger(Path artifactDir, BertWeights pretrained, BertConfig config, Path target) throws IOException {
        Map<String, OnnxGraph.Tensor> fineTuned = HalfPrecisionWeights.read(artifactDir.resolve(WEIGHTS));
        int tags = LabelSet.load(artifactDir).size();
        ArtifactFiles.exportSavedModel(target,
                name -> fineTuned.containsKey(name) ? fineTuned.get(name).values()
                        : pretrained.has(name) ? pretrained.get(name).values() : null,
                (tf, params) -> {
                    BertTaggerNetwork network = new BertTaggerNetwork(tf, config, tags, params, new SeededDropout(tf, 0f, 0L));
                    Placeholder<TInt32> ids = tf.withName(INPUT_TOKEN_IDS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
                    Placeholder<TInt32> pieces = tf.withName(INPUT_CHARACTER_PIECES).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
                    Operand<TFloat32> emissions = tf.withName(OUTPUT_EMISSIONS).identity(network.emissions(ids, pieces, false));
                    Operand<TFloat32> transitions = tf.withName(OUTPUT_TRANSITIONS).identity(network.transitions());
                    return Signature.builder().key(Signature.DEFAULT_KEY)
                            .input(INPUT_TOKEN_IDS, ids).input(INPUT_CHARACTER_PIECES, pieces)
                            .output(OUTPUT_EMISSIONS, emissions).output(OUTPUT_TRANSITIONS, transitions)
                            .build();
                });
    }

    /** Writes to {@code target} the SavedModel of the encoder as a sentence encoder (normalised [CLS]). */
    public static void exportSentenceEncoder(BertWeights pretrained, BertConfig config, Path target) throws IOException {
        ArtifactFiles.exportSavedModel(target, name -> pretrained.has(name) ? pretrained.get(name).values() : null,
                (tf, params) -> {
                    BertEncoder encoder = new BertEncoder(tf, config, params, new SeededDropout(tf, 0f, 0L));
                    Placeholder<TInt32> ids = tf.withName(INPUT_TOKEN_IDS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
                    Operand<TFloat32> cls = encoder.pooled(encoder.encode(ids, false));
                    Operand<TFloat32> squaredNorm = tf.sum(tf.math.square(cls), tf.constant(1), Sum.keepDims(true));
                    Operand<TFloat32> embeddings = tf.withName(OUTPUT_EMBEDDINGS).math.mul(cls,
                            tf.math.rsqrt(tf.math.maximum(squaredNorm, tf.constant(1e-12f))));
                    return Signature.builder().key(Signature.DEFAULT_KEY)
                            .input(INPUT_TOKEN_IDS, ids)
                            .output(OUTPUT_EMBEDDINGS, embeddings)
                            .build();
                });
    }
}
