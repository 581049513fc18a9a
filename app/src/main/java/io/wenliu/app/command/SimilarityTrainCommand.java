package io.wenliu.app.command;

import io.wenliu.models.train.encoder.EncoderHyperParameters;
import io.wenliu.models.train.encoder.SimilarityTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu train similarity}: trains the sentence encoder on bq_corpus, atec and chinese_stsb,
 * chooses its decision threshold on lcqmc dev, and writes the artifact (SavedModel, vocabulary,
 * manifest, model card).
 */
@Command(name = "similarity", mixinStandardHelpOptions = true,
        description = "Train the sentence encoder (bq_corpus, atec, chinese_stsb; threshold from lcqmc dev) and write its artifact.")
public final class SimilarityTrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--datasets", defaultValue = "${env:WENLIU_DATASETS_DIR:-../shared/datasets}",
            description = "Folder of the shared corpora (default: ${DEFAULT-VALUE}; env WENLIU_DATASETS_DIR).")
    private Path datasets;

    @Option(names = "--output", description = "Artifact directory to write (default: models/artifacts/similarity/<version>).")
    private Path output;

    @Option(names = "--artifact-version", defaultValue = "1", description = "Artifact version (default: ${DEFAULT-VALUE}).")
    private String version;

    @Option(names = "--time-budget", defaultValue = "PT20M",
            description = "Training time (ISO-8601 duration); evaluation and export come after (default: ${DEFAULT-VALUE}).")
    private Duration timeBudget;

    @Option(names = "--epochs", description = "Most passes over the training pairs (default: the model's).")
    private Integer epochs;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(datasets)) {
            throw new ParameterException(spec.commandLine(), "No datasets folder at " + datasets.toAbsolutePath()
                    + "; pass --datasets or set WENLIU_DATASETS_DIR");
        }
        EncoderHyperParameters hp = EncoderHyperParameters.defaults();
        if (epochs != null) {
            hp = hp.withMaxEpochs(epochs);
        }
        Path out = output != null ? output : Path.of("models", "artifacts", "similarity", version);
        String command = "java -jar app/target/wenliu.jar "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        SimilarityTraining.Evaluation evaluation = SimilarityTraining.run(new SimilarityTraining.Settings(
                datasets, out, version, timeBudget, hp, command.strip()));
        spec.commandLine().getOut().println("Threshold " + evaluation.threshold() + " (chosen on lcqmc dev); "
                + evaluation.metrics());
        spec.commandLine().getOut().println("Wrote " + out.toAbsolutePath());
        return 0;
    }
}
