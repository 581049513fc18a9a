package io.wenliu.app.command;

import io.wenliu.models.train.encoder.EncoderHyperParameters;
import io.wenliu.models.train.encoder.SimilarityTraining;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Mixin
    private TrainingOptions training;




    @Option(names = "--time-budget", defaultValue = "PT20M",
            description = "Training time (ISO-8601 duration); evaluation and export come after (default: ${DEFAULT-VALUE}).")
    private Duration timeBudget;


    @Override
    public Integer call() throws Exception {
        Path datasets = training.datasets(spec);
        EncoderHyperParameters hp = EncoderHyperParameters.defaults();
        if (training.epochs() != null) {
            hp = hp.withMaxEpochs(training.epochs());
        }
        Path out = training.output("similarity");
        SimilarityTraining.Evaluation evaluation = SimilarityTraining.run(new SimilarityTraining.Settings(
                datasets, out, training.version(), timeBudget, hp, TrainingOptions.commandLine(spec)));
        spec.commandLine().getOut().println("Threshold " + evaluation.threshold() + " (chosen on lcqmc dev); "
                + evaluation.metrics());
        spec.commandLine().getOut().println("Wrote " + out.toAbsolutePath());
        return 0;
    }
}
