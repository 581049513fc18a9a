package io.wenliu.app.command;

import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.similarity.SimilarityArtifact;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the similarity artifact is and how to run it; shared by {@code similarity} and {@code eval similarity}. */
public final class SimilarityOptions {

    @Option(names = "--models-dir", defaultValue = "${env:WENLIU_MODELS_DIR:-models/artifacts}",
            description = "Folder holding <model>/<version>/ artifacts; the latest similarity/<version> is used "
                    + "(default: ${DEFAULT-VALUE}; env WENLIU_MODELS_DIR).")
    Path modelsDirectory;

    @Option(names = "--model", description = "A similarity artifact directory, instead of the latest under --models-dir.")
    Path model;

    @Option(names = "--device", defaultValue = "${env:WENLIU_MODELS_DEVICE:-cpu}",
            description = "cpu, gpu or gpu:N; a GPU needs the build with -Pgpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--batch-size", defaultValue = "256",
            description = "Most sentences per model call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    /** The artifact directory to load. */
    Path artifact() {
        if (model != null) {
            return model;
        }
        return ModelArtifact.latestVersion(modelsDirectory, SimilarityArtifact.MODEL).orElseThrow(() ->
                new IllegalStateException("No similarity model under " + modelsDirectory.toAbsolutePath()
                        + "; run 'wenliu train similarity', pass --model or set --models-dir"));
    }

    /** Loads the encoder; the caller closes it. */
    SentenceEncoder open() {
        return SentenceEncoder.open(artifact(), device, batchSize);
    }
}
