package io.wenliu.app.command;

import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.student.StudentHyperParameters;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.train.student.TeacherSet;
import io.wenliu.models.train.student.TeacherTargets;
import io.wenliu.models.train.student.TeacherTargetsWriter;
import io.wenliu.models.train.student.UnlabelledPool;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu train teacher-targets}: runs every teacher under {@code --teachers} over a seeded sample of the
 * unlabelled training texts and caches their answers for {@code train student --teacher-targets}, resumably (stop it
 * with its time budget, run it again to go on).
 */
@Command(name = "teacher-targets", mixinStandardHelpOptions = true,
        description = "Cache the teachers' answers (tagging marginals and expected transitions, sentiment logit, "
                + "similarity embedding) on a seeded sample of the training splits' texts under --datasets (never a dev "
                + "split), for distilling the student; resumable: run the same command again to go on.")
public final class TeacherTargetsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatasetsOption datasets;

    @Option(names = "--teachers", defaultValue = "models/teacher",
            description = "Folder of the teacher artifacts (<task>/<version>; default: ${DEFAULT-VALUE}).")
    private Path teachers;

    @Option(names = "--output", defaultValue = "target/teacher-targets",
            description = "The cache folder to write or go on writing (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Option(names = "--corpora", split = ",", paramLabel = "CORPUS",
            description = "Only these corpora's training texts, e.g. bq_corpus,atec,chinese_stsb for sentences like the "
                    + "similarity teacher's (default: every corpus the pool knows).")
    private Set<String> corpora;

    @Option(names = "--max-characters", defaultValue = "20000000",
            description = "Sample texts until they hold this many characters; 0 = every text (default: ${DEFAULT-VALUE}).")
    private long maxCharacters;

    @Option(names = "--time-budget", defaultValue = "PT8H",
            description = "Stop (keeping what is written) once this ISO-8601 duration is spent (default: ${DEFAULT-VALUE}).")
    private Duration timeBudget;

    @Option(names = "--max-piece-length", paramLabel = "N",
            description = "Cut texts at sentence or clause ends into pieces of at most N characters, no more than the "
                    + "student's longest input (default: that); say 32 for pieces as short as questions.")
    private Integer maxPieceLength;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the sample (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--chunk-size", defaultValue = "64",
            description = "Texts per teacher call and per saved position (default: ${DEFAULT-VALUE}).")
    private int chunkSize;

    @Option(names = "--device", defaultValue = "${env:WENLIU_MODELS_DEVICE:-cpu}",
            description = "cpu, gpu or gpu:N; a GPU needs the build with -Pgpu (default: ${DEFAULT-VALUE}).")
    private String device;

    @Option(names = "--batch-size", defaultValue = "64",
            description = "Most text pieces per teacher call (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Override
    public Integer call() throws Exception {
        // pieces the student's longest bucket takes whole, so it learns each teacher answer as it was given
        int longest = StudentHyperParameters.defaults().maxLength();
        int maxPieceLength = this.maxPieceLength == null ? longest : this.maxPieceLength;
        if (maxPieceLength < 1 || maxPieceLength > longest) {
            throw new ParameterException(spec.commandLine(), "--max-piece-length must be between 1 and " + longest
                    + " (the student's longest input), got " + maxPieceLength);
        }
        List<String> pool;
        try {
            pool = corpora == null ? UnlabelledPool.read(datasets.directory()) : UnlabelledPool.read(datasets.directory(), corpora);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--corpora: " + e.getMessage());
        }
        List<String> texts = UnlabelledPool.sample(pool, seed, maxCharacters, maxPieceLength);
        if (texts.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "No training texts under " + datasets.directory().toAbsolutePath()
                    + "; pass --datasets or set WENLIU_DATASETS_DIR");
        }
        long characters = texts.stream().mapToLong(t -> NormalizedText.of(t).length()).sum();
        PrintWriter out = spec.commandLine().getOut();
        try (TeacherSet set = TeacherSet.open(teachers, new ModelSettings(teachers, device, null, batchSize))) {
            TeacherTargets.Header header = new TeacherTargets.Header(set.taggingLabels(), set.hasSentiment(),
                    set.embeddingDimension(), set.names(), texts.size(), characters, seed, maxPieceLength);
            TeacherTargetsWriter.Outcome outcome = new TeacherTargetsWriter(output, chunkSize, timeBudget).write(texts, set, header);
            out.printf("%d of %d texts (%d characters) cached by %s; %.0f characters/s%n", outcome.done(), outcome.total(),
                    characters, set.names().keySet(), outcome.charactersPerSecond());
            out.println(outcome.finished() ? "Wrote " + output.toAbsolutePath()
                    : "Stopped by the time budget; run the same command again to go on writing " + output.toAbsolutePath());
        }
        return 0;
    }
}
