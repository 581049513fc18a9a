package io.wenliu.app.command;

import io.wenliu.models.inference.StudentArtifact;
import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.similarity.SimilarityArtifact;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the similarity artifact is and how to run it; shared by {@code similarity} and {@code eval similarity}. */
public final class SimilarityOptions {

    @Mixin
    ModelOptions options;

    @Option(names = "--model", description = "A similarity artifact directory, instead of the latest under --models-dir.")
    Path model;

    /** The artifact directory to load: --model, else the student's (it has a similarity head), else the latest similarity model. */
    Path artifact() {
        if (model != null) {
            return model;
        }
        return StudentArtifact.deployed(options.modelsDirectory, SimilarityArtifact.MODEL).orElseThrow(() ->
                new IllegalStateException("No similarity model under " + options.modelsDirectory.toAbsolutePath()
                        + "; run 'wenliu train similarity', pass --model or set --models-dir"));
    }

    /** Loads the encoder; the caller closes it. */
    SentenceEncoder open() {
        return SentenceEncoder.open(artifact(), options.device, options.batchSize);
    }
}
