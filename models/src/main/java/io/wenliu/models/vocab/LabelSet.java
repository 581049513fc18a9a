package io.wenliu.models.vocab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags a sequence model emits, in the order of its output dimension.
 *
 * <p>Stored as {@code labels.txt}: one tag per line, line number = tag id (e.g. {@code B M E S} for
 * segmentation, {@code O B-PER I-PER ...} for NER). Immutable and thread-safe.
 */
public final class LabelSet {
    public static final String FILE_NAME = "labels.txt";

    private final List<String> labels;
    private final Map<String, Integer> ids = new HashMap<>();

    public LabelSet(List<String> labels) {
        this.labels = List.copyOf(labels);
        for (int i = 0; i < this.labels.size(); i++) {
            if (ids.put(this.labels.get(i), i) != null) {
                throw new IllegalArgumentException("Label '" + this.labels.get(i) + "' appears twice");
            }
        }
    }

    public static LabelSet load(Path modelDir) {
        Path file = modelDir.resolve(FILE_NAME);
        try {
            return new LabelSet(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the label set " + file, e);
        }
    }

    public void save(Path modelDir) throws IOException {
        Files.write(modelDir.resolve(FILE_NAME), labels, StandardCharsets.UTF_8);
    }

    public int size() {
        return labels.size();
    }

    public String label(int id) {
        return labels.get(id);
    }

    /** The id of a label; throws for a label the model does not know. */
    public int id(String label) {
        Integer id = ids.get(label);
        if (id == null) {
            throw new IllegalArgumentException("Unknown label '" + label + "'; known: " + labels);
        }
        return id;
    }

    public List<String> labels() {
        return labels;
    }
}
