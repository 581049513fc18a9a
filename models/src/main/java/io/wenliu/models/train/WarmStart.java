package io.wenliu.models.train;

import io.wenliu.models.graph.CharacterEncoder;
import io.wenliu.models.vocab.CharVocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * The feature layers of a trained tagger artifact (character and bigram embeddings, gated dilated
 * blocks), used to start a new tagger's (or the sentiment classifier's) training from them instead
 * of from random weights. A small corpus (UD's 4k POS sentences) then inherits what a large one
 * (MSR's 42k segmented sentences) taught about characters and word structure; the task's own output
 * layers start fresh.
 *
 * <p>The new tagger keeps the source's vocabulary ids (so the in-graph bigram hash buckets mean the
 * same bigrams) and appends the characters only its own corpus has. Immutable.
 */
public final class WarmStart {
    private final Path source;
    private final CharVocabulary vocabulary;
    private final Map<String, float[]> weights;
    private final Map<String, long[]> shapes;

    private WarmStart(Path source, CharVocabulary vocabulary, Map<String, float[]> weights, Map<String, long[]> shapes) {
        this.source = source;
        this.vocabulary = vocabulary;
        this.weights = weights;
        this.shapes = shapes;
    }

    /** Reads the feature layers of the tagger artifact in {@code artifactDir} (e.g. models/artifacts/segmenter/1). */
    public static WarmStart load(Path artifactDir) {
        Path savedModel = artifactDir.resolve(SavedModelExporter.SAVED_MODEL_DIR);
        if (!Files.isDirectory(savedModel)) {
            throw new IllegalArgumentException("No tagger artifact to start from at " + artifactDir.toAbsolutePath());
        }
        CharVocabulary vocabulary = CharVocabulary.load(artifactDir);
        Map<String, float[]> weights = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        try (SavedModelBundle bundle = SavedModelBundle.load(savedModel.toString(), "serve")) {
            Session session = bundle.session();
            for (String name : featureNames(bundle)) {
                try (Result result = session.runner().fetch(name).run()) {
                    TFloat32 value = (TFloat32) result.get(0);
                    weights.put(name, FloatTensors.values(value));
                    shapes.put(name, value.shape().asArray());
                }
            }
        }
        return new WarmStart(artifactDir, vocabulary, weights, shapes);
    }

    private static List<String> featureNames(SavedModelBundle bundle) {
        List<String> names = new ArrayList<>(List.of(CharacterEncoder.EMBEDDINGS));
        if (bundle.graph().operation(CharacterEncoder.BIGRAM_EMBEDDINGS) != null) {
            names.add(CharacterEncoder.BIGRAM_EMBEDDINGS);
        }
        for (int block = 0; bundle.graph().operation(CharacterEncoder.blockKernel(block)) != null; block++) {
            names.add(CharacterEncoder.blockKernel(block));
            names.add(CharacterEncoder.blockBias(block));
        }
        return names;
    }

    /** The source's vocabulary, then the characters of {@code own} it lacks, in {@code own}'s order. */
    public CharVocabulary extend(CharVocabulary own) {
        Set<String> known = new HashSet<>(vocabulary.entries());
        List<Integer> codePoints = new ArrayList<>();
        for (String entry : vocabulary.entries().subList(2, vocabulary.size())) {
            codePoints.add(entry.codePointAt(0));
        }
        for (String entry : own.entries().subList(2, own.size())) {
            if (known.add(entry)) {
                codePoints.add(entry.codePointAt(0));
            }
        }
        return CharVocabulary.of(codePoints);
    }

    /**
     * Overwrites the freshly initialised {@code values} of parameter {@code name} with the source's
     * weights: whole when the shapes match, or the first rows when only the row count differs (the
     * character embeddings of an extended vocabulary keep fresh rows for the appended characters).
     *
     * @return whether the source had weights for this parameter
     * @throws IllegalArgumentException when the source's parameter has an incompatible shape
     */
    boolean initialise(String name, long[] shape, float[] values) {
        float[] trained = weights.get(name);
        if (trained == null) {
            return false;
        }
        long[] trainedShape = shapes.get(name);
        boolean sameRowWidth = trainedShape.length == shape.length
                && Arrays.equals(trainedShape, 1, trainedShape.length, shape, 1, shape.length);
        if (!sameRowWidth || trainedShape[0] > shape[0]) {
            throw new IllegalArgumentException("Cannot start " + name + " " + Arrays.toString(shape) + " from "
                    + source + ": it has " + Arrays.toString(trainedShape) + " (use the same channels and bigram settings)");
        }
        System.arraycopy(trained, 0, values, 0, trained.length);
        return true;
    }

    /** Rows of the source's hashed bigram table (0: it has none); a network started from it needs as many. */
    public int bigramBuckets() {
        long[] shape = shapes.get(CharacterEncoder.BIGRAM_EMBEDDINGS);
        return shape == null ? 0 : Math.toIntExact(shape[0]);
    }

    public Path source() {
        return source;
    }

    @Override
    public String toString() {
        return "warm start from " + source + " (" + weights.keySet() + ")";
    }
}
