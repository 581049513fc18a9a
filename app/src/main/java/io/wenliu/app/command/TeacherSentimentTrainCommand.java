package io.wenliu.app.command;

import io.wenliu.models.train.bert.BertClassifierTrainer;
import io.wenliu.models.train.bert.BertFineTuning;
import io.wenliu.models.train.bert.TeacherSentimentTraining;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu train teacher-sentiment}: fine-tunes bge-small-zh-v1.5 into the sentiment teacher,
 * resumably (stop it with its time budget, run it again to go on).
 */
@Command(name = "teacher-sentiment", mixinStandardHelpOptions = true,
        description = "Fine-tune the pre-trained bge-small-zh-v1.5 encoder on ChnSentiCorp (choosing on a "
                + "validation split carved from train, scoring dev at the end); resumable from --checkpoint-dir.")
public final class TeacherSentimentTrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TrainingOptions training;

    @Option(names = "--checkpoint-dir", defaultValue = "target/teacher-sentiment-checkpoint",
            description = "Where checkpoints go and where a stopped run resumes from (default: ${DEFAULT-VALUE}).")
    private Path checkpointDir;

    @Mixin
    private FineTuningOptions fineTuningOptions;

    @Option(names = "--max-tokens", defaultValue = "256",
            description = "Longest training sequence; longer texts are cut at sentence ends (default: ${DEFAULT-VALUE}).")
    private int maxTokens;

    @Option(names = "--max-texts", defaultValue = "0",
            description = "Train on a seeded sample of N texts; 0 = all (default: ${DEFAULT-VALUE}).")
    private int maxTexts;

    @Override
    public Integer call() throws Exception {
        BertFineTuning fineTuning = fineTuningOptions.fineTuning(maxTokens, training.epochs());
        BertClassifierTrainer.Outcome outcome = TeacherSentimentTraining.run(new TeacherSentimentTraining.Settings(
                training.datasets(spec), checkpointDir, training.output(Path.of("models", "teacher"), "sentiment"),
                training.version(), fineTuning, maxTexts, TrainingOptions.commandLine(spec)));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d steps, %.0f tokens/s; best validation accuracy %.4f (epoch %d)%n", outcome.steps(),
                outcome.tokensPerSecond(), outcome.validationAccuracy(), outcome.bestEpoch());
        if (outcome.finished()) {
            out.printf("%s dev accuracy %.4f%n", TeacherSentimentTraining.CORPUS, outcome.devAccuracy());
            out.println("Wrote " + training.output(Path.of("models", "teacher"), "sentiment").toAbsolutePath());
        } else {
            out.println("Stopped by the time budget; run the same command again to resume from " + checkpointDir.toAbsolutePath());
        }
        return 0;
    }
}
