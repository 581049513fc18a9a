package io.wenliu.models.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the model artifacts are and how to run them; built by the app from its configuration and
 * handed inward, so that {@code models} never reads properties or the environment.
 *
 * @param modelsDirectory folder holding {@code <model>/<version>/} artifact directories
 * @param device          {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}
 * @param userDictionary  optional segmentation user dictionary file (null: none); reloaded when it changes
 * @param maxBatchSize    most texts per model call
 */
public record ModelSettings(Path modelsDirectory, String device, Path userDictionary, int maxBatchSize) {
    public ModelSettings {
        Objects.requireNonNull(modelsDirectory, "modelsDirectory");
        Objects.requireNonNull(device, "device");
        if (!device.equals("cpu") && !device.matches("gpu(:\\d+)?")) {
            throw new IllegalArgumentException("device must be cpu, gpu or gpu:N, got '" + device + "'");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
    }
}
