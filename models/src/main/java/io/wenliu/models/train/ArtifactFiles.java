package io.wenliu.models.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.wenliu.models.runtime.ModelArtifact;
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
import java.util.stream.Stream;

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
