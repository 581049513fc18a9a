package io.wenliu.app.command;

import io.wenliu.models.data.SegmentedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The texts a character-throughput bench runs on and how long; shared by {@code bench segment} and {@code bench ner}. */
public final class BenchTextOptions {

    @Option(names = "--input", description = "UTF-8 text, one text per line (default: the sentences of msra_ner/dev.wordtag.txt).")
    private Path input;

    @Mixin
    private DatasetsOption datasets;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per configuration (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--batches", split = ",", defaultValue = "1,32,256", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    private List<Integer> batches;

    double seconds() {
        return seconds;
    }

    List<Integer> batches() {
        return batches;
    }

    /** Where the texts come from: {@code --input}, else the msra_ner dev sentences. */
    Path source() {
        return input != null ? input : datasets.directory().resolve("msra_ner/dev.wordtag.txt");
    }

    /** The non-blank lines of {@code --input}, else the msra_ner dev sentences; a usage error when there are none. */
    List<String> texts(CommandSpec spec) throws IOException {
        if (input != null) {
            List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "No text in " + input);
            }
            return lines;
        }
        Path dev = source();
        if (!Files.isRegularFile(dev)) {
            throw new ParameterException(spec.commandLine(), "No " + dev.toAbsolutePath() + "; pass --input or --datasets");
        }
        return SegmentedCorpus.read(dev).stream().map(SegmentedCorpus.Sentence::text).toList();
    }
}
