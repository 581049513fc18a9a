package io.wenliu.models.train.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.wenliu.models.train.ParameterSource;
import io.wenliu.models.vocab.LabelSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Writes a trained binary classifier as a serving artifact directory: {@code saved_model/}
 * (signature {@code serving_default}: {@code token_ids} int32 [batch, length] → {@code logit}
 * float32 [batch] and {@code positive_probability} float32 [batch]), {@code vocab.txt},
 * {@code labels.txt} ({@code negative}, {@code positive}), {@code manifest.json} (with the SHA-256
 * of every file) and the model card {@code MODEL_CARD.md}.
 *
 * <p>The SavedModel comes from a fresh dropout-free graph whose variables are assigned the trained
 * values, so it holds no optimizer state. Stateless. (The manifest and checksum code follows
 * {@code io.wenliu.models.train.SavedModelExporter}, which is specific to taggers.)
 */
public final class ClassifierExporter {
    public static final String SAVED_MODEL_DIR = "saved_model";
    public static final String MANIFEST = "manifest.json";
    public static final String MODEL_CARD = "MODEL_CARD.md";
    public static final String INPUT_TOKEN_IDS = "token_ids";
    public static final String OUTPUT_LOGIT = "logit";
    public static final String OUTPUT_POSITIVE_PROBABILITY = "positive_probability";
    public static final LabelSet LABELS = new LabelSet(List.of("negative", "positive"));

    private ClassifierExporter() {
    }

    /**
     * Identity and provenance written into the manifest.
     *
     * @param maxLength the longest chunk the model reads; longer texts are chunked by the runtime
     * @param metrics   dev accuracy per corpus (of this artifact)
     */
    public record Description(String name, String task, String version, int maxLength,
                              Map<String, Object> data, Map<String, Object> metrics, String command) {
    }

    public static void export(TrainedClassifier model, Description description, String modelCard, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        exportSavedModel(model, dir.resolve(SAVED_MODEL_DIR));
        model.vocabulary().save(dir);
        LABELS.save(dir);
        Files.writeString(dir.resolve(MODEL_CARD), modelCard, StandardCharsets.UTF_8);

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", description.name());
        manifest.put("task", description.task());
        manifest.put("version", description.version());
        manifest.put("maxLength", description.maxLength());
        manifest.put("signature", Map.of("inputs", Map.of(INPUT_TOKEN_IDS, "int32 [batch, length]"),
                "outputs", Map.of(OUTPUT_LOGIT, "float32 [batch]", OUTPUT_POSITIVE_PROBABILITY, "float32 [batch]")));
        manifest.put("normalization", "io.wenliu.models.text.CharNormalizer; whitespace removed");
        manifest.put("chunking", "io.wenliu.models.sentiment.SentimentChunker(maxLength); document logit = "
                + "length-weighted mean of chunk logits");
        manifest.put("metrics", description.metrics());
        manifest.put("data", description.data());
        manifest.put("hyperParameters", model.hyperParameters());
        manifest.put("command", description.command());
        manifest.put("files", checksums(dir));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve(MANIFEST).toFile(), manifest);
    }

    private static void exportSavedModel(TrainedClassifier model, Path target) throws IOException {
        deleteRecursively(target); // a re-export replaces the previous SavedModel whole
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            RestoredParameters params = new RestoredParameters(tf);
            ClassifierNetwork network = new ClassifierNetwork(tf, model.hyperParameters(), model.vocabulary().size(), params);
            Placeholder<TInt32> ids = tf.withName(INPUT_TOKEN_IDS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            Operand<TFloat32> logit = tf.withName(OUTPUT_LOGIT).identity(network.logits(ids, false));
            Operand<TFloat32> probability = tf.withName(OUTPUT_POSITIVE_PROBABILITY).math.sigmoid(logit);
            params.assign(session, model.weights());
            Signature signature = Signature.builder().key(Signature.DEFAULT_KEY)
                    .input(INPUT_TOKEN_IDS, ids)
                    .output(OUTPUT_LOGIT, logit)
                    .output(OUTPUT_POSITIVE_PROBABILITY, probability)
                    .build();
            SavedModelBundle.exporter(target.toString())
                    .withFunction(SessionFunction.create(signature, session))
                    .export();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Map<String, String> checksums(Path dir) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            if (!relative.equals(MANIFEST)) {
                sums.put(relative, sha256(file));
            }
        }
        return sums;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Uninitialised variables that are assigned the trained values before export. */
    private static final class RestoredParameters implements ParameterSource {
        private final Ops tf;
        private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
        private final Map<String, Placeholder<TFloat32>> feeds = new LinkedHashMap<>();
        private final Map<String, Assign<TFloat32>> assigns = new LinkedHashMap<>();

        RestoredParameters(Ops tf) {
            this.tf = tf;
        }

        @Override
        public void declare(String name, long... shape) {
            Variable<TFloat32> variable = tf.withName(name).variable(Shape.of(shape), TFloat32.class);
            Placeholder<TFloat32> feed = tf.withName(name + "_value").placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
            variables.put(name, variable);
            feeds.put(name, feed);
            assigns.put(name, tf.withName(name + "_assign").assign(variable, feed));
        }

        @Override
        public Operand<TFloat32> get(String name) {
            return variables.get(name);
        }

        void assign(Session session, Map<String, TrainedClassifier.Tensor> weights) {
            for (Map.Entry<String, Assign<TFloat32>> e : assigns.entrySet()) {
                TrainedClassifier.Tensor w = weights.get(e.getKey());
                if (w == null) {
                    throw new IllegalArgumentException("The trained model has no weights for " + e.getKey());
                }
                try (TFloat32 value = TFloat32.tensorOf(Shape.of(w.shape()), DataBuffers.of(w.values(), true, false))) {
                    session.runner().feed(feeds.get(e.getKey()), value).addTarget(e.getValue()).run();
                }
            }
        }
    }
}
