package io.wenliu.app.command;

import io.wenliu.models.student.StudentHyperParameters;
import io.wenliu.models.train.student.StudentTrainer;
import io.wenliu.models.train.student.StudentTraining;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu train student}: trains the one-pass student (one character encoder, a head per task) on the
 * gold data of all five tasks, resumably (stop it with its time budget, run it again to go on), and writes
 * its artifact.
 */
@Command(name = "student", mixinStandardHelpOptions = true,
        description = "Train the one-pass student (segmentation, POS, NER, sentiment and similarity heads on one "
                + "character encoder) on the gold corpora under --datasets, choosing the epoch on validation splits "
                + "carved from train and scoring every dev split at the end; with --teacher-targets, distilled from the "
                + "teachers as well; resumable from --checkpoint-dir.")
public final class StudentTrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TrainingOptions training;

    @Option(names = "--checkpoint-dir", defaultValue = "target/student-checkpoint",
            description = "Where checkpoints go and where a stopped run resumes from (default: ${DEFAULT-VALUE}).")
    private Path checkpointDir;

    @Option(names = "--time-budget", defaultValue = "PT8H",
            description = "Stop (with a checkpoint) once this ISO-8601 duration is spent (default: ${DEFAULT-VALUE}).")
    private Duration timeBudget;

    @Option(names = "--char-dim", description = "Width of the character embeddings; 32 hashed-bigram channels are added "
            + "(default: the student's, 64).")
    private Integer charDim;

    @Option(names = "--dilations", split = ",", paramLabel = "D",
            description = "One gated convolution block per dilation rate (default: the student's, 1,2,4,8,1,2).")
    private List<Integer> dilations;

    @Option(names = "--max-examples", defaultValue = "0",
            description = "Train on a seeded sample of at most N examples per task; 0 = all (default: ${DEFAULT-VALUE}).")
    private int maxExamples;

    @Option(names = "--teacher-targets", paramLabel = "DIR", split = ",",
            description = "Distil from the teachers too: caches written by 'train teacher-targets', comma-separated, each "
                    + "a task of its own (say, every teacher on a sample of all corpora, and the similarity teacher on "
                    + "every question) (default: gold data only).")
    private List<Path> teacherTargets = List.of();

    @Option(names = "--similarity-hidden", paramLabel = "N",
            description = "Width of the similarity head's hidden ReLU layer; 0 = none (default: the student's, 1024).")
    private Integer similarityHidden;

    @Option(names = "--similarity-bag", paramLabel = "BUCKETS",
            description = "Hashed bigram rows of the similarity head's own bag of characters and bigrams (128 wide); "
                    + "0 = no bag (default: the student's, 32768).")
    private Integer similarityBag;

    @Option(names = "--distillation-weight", defaultValue = "1",
            description = "Multiplies every distillation loss (default: ${DEFAULT-VALUE}).")
    private float distillationWeight;

    @Override
    public Integer call() throws Exception {
        StudentHyperParameters defaults = StudentHyperParameters.defaults();
        StudentHyperParameters hp = defaults.withShape(charDim != null ? charDim : defaults.charDim(),
                dilations != null ? dilations : defaults.dilations());
        if (training.epochs() != null) {
            hp = hp.withEpochs(training.epochs());
        }
        int bag = similarityBag != null ? similarityBag : defaults.bagBuckets();
        hp = hp.withSimilarityHead(similarityHidden != null ? similarityHidden : defaults.similarityHidden(), bag,
                bag > 0 ? defaults.bagDim() : 0);
        Path output = training.output("student");
        StudentTrainer.Outcome outcome = StudentTraining.run(new StudentTraining.Settings(training.datasets(spec), output,
                checkpointDir, training.version(), hp, timeBudget, maxExamples, TrainingOptions.commandLine(spec), teacherTargets,
                distillationWeight));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d steps, %.0f tokens/s; best validation mean %.4f (epoch %d): %s%n", outcome.steps(),
                outcome.tokensPerSecond(), outcome.validationScore(), outcome.bestEpoch(), outcome.validation());
        if (outcome.finished()) {
            out.printf("dev: %s%n", outcome.dev());
            out.println("Wrote " + output.toAbsolutePath());
        } else {
            out.println("Stopped by the time budget; run the same command again to resume from " + checkpointDir.toAbsolutePath());
        }
        return 0;
    }
}
