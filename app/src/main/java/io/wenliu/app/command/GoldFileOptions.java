package io.wenliu.app.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The gold files an {@code eval} command scores: {@code --gold}, else its defaults under {@code --datasets}. */
public final class GoldFileOptions {

    @Mixin
    private DatasetsOption datasets;

    @Option(names = "--gold", description = "Gold files (default: the model's dev splits under --datasets).")
    List<Path> gold;

    /** {@code --gold}, else {@code defaults} under {@code --datasets}; a usage error names a missing file. */
    List<Path> files(CommandSpec spec, String... defaults) {
        List<Path> files = gold != null ? gold : Arrays.stream(defaults).map(datasets.directory()::resolve).toList();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "No gold file " + file.toAbsolutePath()
                        + "; pass --gold or --datasets (env WENLIU_DATASETS_DIR)");
            }
        }
        return files;
    }

    /** The datasets folder. */
    Path datasets() {
        return datasets.directory();
    }
}
