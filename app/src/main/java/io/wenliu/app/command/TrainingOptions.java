package io.wenliu.app.command;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Where a training run reads its corpora and writes its artifact; shared by the {@code train} commands. */
public final class TrainingOptions {

    @Mixin
    private DatasetsOption datasets;

    @Option(names = "--output", description = "Artifact directory to write (default: models/artifacts/<model>/<version>; models/teacher/... for a teacher).")
    private Path output;

    @Option(names = "--artifact-version", defaultValue = "1", description = "Artifact version (default: ${DEFAULT-VALUE}).")
    private String version;

    @Option(names = "--epochs", description = "Most passes over the training data (default: the model's).")
    private Integer epochs;

    /** The datasets folder; a usage error when it does not exist. */
    Path datasets(CommandSpec spec) {
        Path directory = datasets.directory();
        if (!Files.isDirectory(directory)) {
            throw new ParameterException(spec.commandLine(), "No datasets folder at " + directory.toAbsolutePath()
                    + "; pass --datasets or set WENLIU_DATASETS_DIR");
        }
        return directory;
    }

    /** {@code --output}, else {@code models/artifacts/<model>/<version>}. */
    Path output(String model) {
        return output != null ? output : Path.of("models", "artifacts", model, version);
    }

    /** {@code --output}, else {@code <root>/<model>/<version>} (the teachers live under models/teacher). */
    Path output(Path root, String model) {
        return output != null ? output : root.resolve(model).resolve(version);
    }

    String version() {
        return version;
    }

    /** {@code --epochs}, or null for the model's default. */
    Integer epochs() {
        return epochs;
    }

    /** The whole command line that ran, for the model card: the root's parse result holds it (train … …). */
    static String commandLine(CommandSpec spec) {
        return "java -jar app/target/wenliu.jar " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
    }
}
