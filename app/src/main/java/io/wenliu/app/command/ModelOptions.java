package io.wenliu.app.command;

import io.wenliu.models.runtime.ModelSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the model artifacts are and how to run them; shared by every command that loads a model. */
public final class ModelOptions {

    @Option(names = "--models-dir", defaultValue = "${env:WENLIU_MODELS_DIR:-models/artifacts}",
            description = "Folder holding <model>/<version>/ artifacts; the highest version is used "
                    + "(default: ${DEFAULT-VALUE}; env WENLIU_MODELS_DIR).")
    Path modelsDirectory;

    @Option(names = "--device", defaultValue = "${env:WENLIU_MODELS_DEVICE:-cpu}",
            description = "cpu, gpu or gpu:N; a GPU needs the build with -Pgpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--batch-size", defaultValue = "256",
            description = "Most inputs (text pieces, chunks or sentences) per model call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    ModelSettings settings() {
        return new ModelSettings(modelsDirectory, device, null, batchSize);
    }
}
