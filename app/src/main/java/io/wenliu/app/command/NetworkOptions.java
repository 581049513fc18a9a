package io.wenliu.app.command;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Architecture overrides, the warm start and weight averaging of the DGCNN taggers and classifier; shared by
 * {@code train ner|pos|segmenter|sentiment}.
 */
public final class NetworkOptions {

    @Option(names = "--channels", description = "Width of the embeddings and of every convolution block (default: the model's).")
    private Integer channels;

    @Option(names = "--dropout", description = "Drop rate on embeddings and block outputs (default: the model's).")
    private Float dropout;

    @Option(names = "--dilations", split = ",", paramLabel = "D",
            description = "One gated convolution block per dilation rate, e.g. 1,2,4,1,2,4 (default: the model's).")
    private List<Integer> dilations;

    @Option(names = "--warm-start-from", paramLabel = "ARTIFACT",
            description = "Start the character/bigram embeddings and convolution blocks from this tagger artifact "
                    + "(e.g. models/artifacts/segmenter/1; same channels and bigram width) instead of random weights.")
    private Path warmStartFrom;

    @Option(names = "--word-positions", negatable = true,
            description = "Give the network each character's position in its word (pos only: the words are known; "
                    + "default: the model's).")
    private Boolean wordPositions;

    @Option(names = "--average-decay", paramLabel = "D",
            description = "Score dev and export the exponential moving average of the weights with this decay, "
                    + "e.g. 0.999; 0 = the weights themselves (default: the model's).")
    private Float averageDecay;

    /** {@code --channels}, or null for the model's default. */
    Integer channels() {
        return channels;
    }

    /** {@code --dropout}, or null for the model's default. */
    Float dropout() {
        return dropout;
    }

    /** {@code --dilations}, or null for the model's default. */
    List<Integer> dilations() {
        return dilations;
    }

    /** {@code --[no-]word-positions}, or null for the model's default. */
    Boolean wordPositions() {
        return wordPositions;
    }

    /** {@code --average-decay}, or null for the model's default. */
    Float averageDecay() {
        return averageDecay;
    }

    /** {@code --warm-start-from}, or null to start from random weights. */
    Path warmStartFrom() {
        return warmStartFrom;
    }
}
