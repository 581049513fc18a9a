package io.wenliu.models.train.bert;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tensorflow.Session;

/**
 * Where a fine-tuning run can stop and resume: every variable of the training session (weights,
 * AdamW's moments and step) through TF's saver, and the position in the data ({@link Position}) as
 * JSON beside it (written through a rename, so it is never half-written). One instance per run
 * directory; not thread-safe.
 */
public final class FineTuningCheckpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VARIABLES = "variables";
    private static final String POSITION = "position.json";
    private static final String BEST = "best-weights.bin";

    /**
     * How far a run got.
     *
     * @param epoch        the epoch under way (from 1)
     * @param batch        batches of it already trained
     * @param step         optimizer steps taken in all
     * @param bestScore    the best validation score of a finished epoch, or −1 (scores are in [0, 1])
     * @param bestEpoch    the epoch that scored it, or 0
     * @param bestMetrics  all validation metrics of that epoch (empty in checkpoints written before they were kept)
     */
    public record Position(int epoch, int batch, long step, double bestScore, int bestEpoch, Map<String, Double> bestMetrics) {
        public Position {
            bestMetrics = bestMetrics == null ? Map.of() : Map.copyOf(bestMetrics);
        }

        public static Position start() {
            return new Position(1, 0, 0, -1, 0, Map.of());
        }

        /** This position, {@code batches} batches and {@code steps} steps on. */
        Position at(int epoch, int batch, long step) {
            return new Position(epoch, batch, step, bestScore, bestEpoch, bestMetrics);
        }
    }

    private final Path directory;

    public FineTuningCheckpoint(Path directory) {
        this.directory = directory;
    }

    public boolean exists() {
        return Files.isRegularFile(directory.resolve(POSITION));
    }

    /** Saves the session's variables and {@code position}. */
    public void save(Session session, Position position) {
        try {
            Files.createDirectories(directory);
            session.save(directory.resolve(VARIABLES).toString());
            Path tmp = directory.resolve(POSITION + ".tmp");
            JSON.writeValue(tmp.toFile(), position);
            Files.move(tmp, directory.resolve(POSITION), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the fine-tuning checkpoint in " + directory.toAbsolutePath(), e);
        }
    }

    /** Restores the session's variables and returns where the run was. */
    public Position restore(Session session) {
        try {
            session.restore(directory.resolve(VARIABLES).toString());
            return JSON.readValue(directory.resolve(POSITION).toFile(), Position.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the fine-tuning checkpoint in " + directory.toAbsolutePath()
                    + "; delete the directory to start over", e);
        }
    }

    /** Keeps the weights of the best epoch so far, so a resumed run still returns them. */
    public void saveBest(Map<String, float[]> weights) {
        try {
            Files.createDirectories(directory);
            Path tmp = directory.resolve(BEST + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(weights.size());
                for (Map.Entry<String, float[]> e : weights.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (float v : e.getValue()) {
                        out.writeFloat(v);
                    }
                }
            }
            Files.move(tmp, directory.resolve(BEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the best weights in " + directory.toAbsolutePath(), e);
        }
    }

    /** The weights {@link #saveBest} kept, or null when no epoch has finished. */
    public Map<String, float[]> loadBest() {
        Path file = directory.resolve(BEST);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            Map<String, float[]> weights = new LinkedHashMap<>();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                float[] values = new float[in.readInt()];
                for (int j = 0; j < values.length; j++) {
                    values[j] = in.readFloat();
                }
                weights.put(name, values);
            }
            return weights;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the best weights in " + directory.toAbsolutePath(), e);
        }
    }

    public Path directory() {
        return directory;
    }
}
