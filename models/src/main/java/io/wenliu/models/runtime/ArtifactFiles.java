package io.wenliu.models.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wenliu.models.graph.ParameterSource;
import io.wenliu.models.graph.RestoredParameters;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;

/** File chores shared by the exporters of every model artifact. Stateless. */
public final class ArtifactFiles {
    private ArtifactFiles() {
    }

    /**
     * Writes {@code manifest} as {@code dir/manifest.json} (indented), after adding {@code files}: the
     * SHA-256 of every other file of the artifact, so a copy can be checked against it.
     */
    public static void writeManifest(Path dir, Map<String, Object> manifest) throws IOException {
        manifest.put("files", checksums(dir, ModelArtifact.MANIFEST));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve(ModelArtifact.MANIFEST).toFile(), manifest);
    }

    /**
     * Changes {@code dir/manifest.json} in place (for what can only be measured once the artifact can be served) and
     * refreshes its {@code files} checksums, since the change may have come with other files changed.
     */
    public static void updateManifest(Path dir, Consumer<ObjectNode> change) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        File file = dir.resolve(ModelArtifact.MANIFEST).toFile();
        ObjectNode manifest = (ObjectNode) json.readTree(file);
        change.accept(manifest);
        manifest.set("files", json.valueToTree(checksums(dir, ModelArtifact.MANIFEST)));
        json.writeValue(file, manifest);
    }

    /** Builds a network's serving graph over the given parameters and returns its signature. */
    @FunctionalInterface
    public interface ServingGraph {
        Signature build(Ops tf, ParameterSource params);
    }

    /**
     * Writes a serving-only SavedModel to {@code target} (replacing what is there): a fresh graph that
     * {@code servingGraph} builds, dropout-free, over variables assigned the trained {@code weights}, so
     * no optimizer state goes in.
     *
     * @param weights the trained values of each parameter name, or null for a name the model lacks
     */
    public static void exportSavedModel(Path target, Function<String, float[]> weights, ServingGraph servingGraph)
            throws IOException {
        deleteRecursively(target);
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            RestoredParameters params = new RestoredParameters(tf);
            Signature signature = servingGraph.build(tf, params);
            params.assign(session, weights);
            SavedModelBundle.exporter(target.toString())
                    .withFunction(SessionFunction.create(signature, session))
                    .export();
        }
    }

    /** Deletes {@code dir} and everything below it; nothing happens if it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** SHA-256 of every file below {@code dir} but {@code excluded}, by '/'-separated relative path. */
    public static Map<String, String> checksums(Path dir, String excluded) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            if (!relative.equals(excluded)) {
                sums.put(relative, sha256(file));
            }
        }
        return sums;
    }

    public static String sha256(Path file) throws IOException {
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
}
