package io.wenliu.models.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * SavedModels made from an artifact's compact weights (the teachers' fine-tuned weights, the student's half-precision
 * weights), written once into a cache folder under a key derived from those weights, so that the repository keeps
 * only the compact form. Stateless; concurrent makers of the same key each write a private folder and the first
 * rename wins, so a reader never sees half a SavedModel.
 */
public final class SavedModelCache {
    /** The cache folder (default: {@code <java.io.tmpdir>/wenliu-models}). */
    public static final String DIRECTORY_PROPERTY = "wenliu.models.cache.dir";
    /** The property's earlier name, still honoured when the new one is not set. */
    static final String TEACHERS_DIRECTORY_PROPERTY = "wenliu.teachers.cache.dir";

    private SavedModelCache() {
    }

    /** Writes a SavedModel into an empty or absent folder. */
    @FunctionalInterface
    public interface Export {
        void write(Path target) throws IOException;
    }

    /**
     * The SavedModel cached under {@code key}, written by {@code export} first unless it is there.
     *
     * @throws UncheckedIOException naming the cache folder when it cannot be written
     */
    public static Path get(String key, Export export) {
        Path cache = directory();
        Path target = cache.resolve(key).resolve(ModelArtifact.SAVED_MODEL);
        if (Files.isRegularFile(target.resolve("saved_model.pb"))) {
            return target;
        }
        try {
            TensorFlowRuntime.keepInfoLogsQuiet(); // building a SavedModel is often a process's first TensorFlow code
            Path partial = Files.createDirectories(cache).resolve("partial-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            export.write(partial);
            Files.createDirectories(target.getParent());
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isRegularFile(target.resolve("saved_model.pb"))) {
                    throw e;
                }
                ArtifactFiles.deleteRecursively(partial); // another process made it first
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the SavedModel " + key + " into " + cache.toAbsolutePath()
                    + "; make it writable or set -D" + DIRECTORY_PROPERTY + " to a writable folder", e);
        }
    }

    /** The cache folder in use. */
    public static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY, System.getProperty(TEACHERS_DIRECTORY_PROPERTY));
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("java.io.tmpdir"), "wenliu-models");
    }
}
