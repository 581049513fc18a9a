package io.wenliu.app.command;

import io.wenliu.models.runtime.ModelSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the segmenter artifact is and how to run it; shared by {@code segment}, {@code eval} and {@code bench}. */
public final class SegmenterOptions {

    @Option(names = "--models-dir", defaultValue = "${env:WENLIU_MODELS_DIR:-models/artifacts}",
            description = "Folder holding <model>/<version>/ artifacts (default: ${DEFAULT-VALUE}; env WENLIU_MODELS_DIR).")
    Path modelsDirectory;

    @Option(names = "--device", defaultValue = "${env:WENLIU_MODELS_DEVICE:-cpu}",
            description = "cpu, gpu or gpu:N; a GPU needs the build with -Pgpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--user-dictionary",
            description = "Segmentation user dictionary: '+word' keeps a word whole, '-piece|piece' forces cuts; reloaded when it changes.")
    Path userDictionary;

    @Option(names = "--batch-size", defaultValue = "256",
            description = "Most text pieces per model call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    ModelSettings settings() {
        return new ModelSettings(modelsDirectory, device, userDictionary, batchSize);
    }
}
