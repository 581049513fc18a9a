package io.wenliu.app.command;

import io.wenliu.models.runtime.ModelSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the sentiment artifact is and how to run it; shared by {@code sentiment}, {@code eval sentiment} and {@code bench sentiment}. */
public final class SentimentModelOptions {

    @Option(names = "--models-dir", defaultValue = "${env:WENLIU_MODELS_DIR:-models/artifacts}",
            description = "Folder holding <model>/<version>/ artifacts (default: ${DEFAULT-VALUE}; env WENLIU_MODELS_DIR).")
    Path modelsDirectory;

    @Option(names = "--device", defaultValue = "${env:WENLIU_MODELS_DEVICE:-cpu}",
            description = "cpu, gpu or gpu:N; a GPU needs the build with -Pgpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--batch-size", defaultValue = "256",
            description = "Most text chunks per model call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    ModelSettings settings() {
        return new ModelSettings(modelsDirectory, device, null, batchSize);
    }
}
