package io.wenliu.app.command;

import io.wenliu.models.data.CharTagCorpus;
import io.wenliu.models.data.EntityTypes;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.train.TaggingTask;
import io.wenliu.models.train.bert.BertTaggerTrainer;
import io.wenliu.models.train.bert.TeacherTaggerTraining;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu train teacher-ner|teacher-segmenter|teacher-pos}: fine-tunes bge-small-zh-v1.5 with a
 * character CRF head into a tagging teacher, resumably (stop it with its time budget, run it again to
 * go on). Each task is a subcommand that names its task and corpora, as {@code train ner|segmenter|pos}.
 */
public abstract class TeacherTaggerTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    private TrainingOptions training;

    @Mixin
    private FineTuningOptions fineTuningOptions;

    @Option(names = "--checkpoint-dir",
            description = "Where checkpoints go and where a stopped run resumes from (default: target/teacher-<model>-checkpoint).")
    private Path checkpointDir;

    @Option(names = "--max-tokens", defaultValue = "128",
            description = "Longest training sequence in word pieces; longer sentences are cut at sentence ends (default: ${DEFAULT-VALUE}).")
    private int maxTokens;

    @Option(names = "--max-sentences", defaultValue = "0",
            description = "Train on the first N sentences of the shuffled training split (after carving validation); 0 = all (default: ${DEFAULT-VALUE}).")
    private int maxSentences;

    @Option(names = "--crf-learning-rate-multiplier", defaultValue = "1000",
            description = "The CRF transitions' learning rate as a multiple of --learning-rate: they start at zero (default: ${DEFAULT-VALUE}).")
    private float crfRateMultiplier;

    /** The teacher's task and corpora: those of the from-scratch model it teaches. */
    abstract TaggingCorpus corpus();

    /** Further training corpora by name, in the task's labels; none unless a subcommand adds some. */
    Map<String, List<TaggedSequence>> moreCorpora(Path datasets, TaggingTask task) {
        return Map.of();
    }

    @Override
    public Integer call() throws Exception {
        Path datasets = training.datasets(spec);
        TaggingCorpus corpus = corpus();
        Path output = training.output(Path.of("models", "teacher"), corpus.model());
        Path checkpoints = checkpointDir != null ? checkpointDir : Path.of("target", "teacher-" + corpus.model() + "-checkpoint");
        TaggingTask task = corpus.task();
        BertTaggerTrainer.Outcome outcome = TeacherTaggerTraining.run(new TeacherTaggerTraining.Settings(task,
                corpus.model(), corpus.corpus(), corpus.trainFiles(datasets), corpus.devFile(datasets),
                moreCorpora(datasets, task), checkpoints, output,
                training.version(), fineTuningOptions.fineTuning(maxTokens, training.epochs(), crfRateMultiplier), maxSentences,
                TrainingOptions.commandLine(spec)));
        PrintWriter out = spec.commandLine().getOut();
        String metric = task.evaluator().primaryMetric();
        out.printf("%d steps, %.0f tokens/s; best validation %s %.4f (epoch %d)%n", outcome.steps(),
                outcome.tokensPerSecond(), metric, outcome.validationScore(), outcome.bestEpoch());
        if (outcome.finished()) {
            out.printf("%s dev %s %.4f%n", corpus.corpus(), metric, outcome.dev().get(metric));
            out.println("Wrote " + output.toAbsolutePath());
        } else {
            out.println("Stopped by the time budget; run the same command again to resume from " + checkpoints.toAbsolutePath());
        }
        return 0;
    }

    @Command(name = "teacher-ner", mixinStandardHelpOptions = true,
            description = "Fine-tune bge-small-zh-v1.5 into the PER/LOC/ORG entity teacher on msra_ner (choosing on a "
                    + "validation split carved from train, scoring dev at the end); resumable from --checkpoint-dir.")
    public static final class Ner extends TeacherTaggerTrainCommand {
        @Option(names = "--add-corpora", split = ",", paramLabel = "CORPUS",
                description = "Also train on these NER corpora, their entity types mapped to PER/LOC/ORG as `eval ner "
                        + "--entity-types` maps them: weibo, resume, cluener (default: none).")
        private List<EntityTypes> addCorpora = List.of();

        @Override
        TaggingCorpus corpus() {
            return TaggingCorpus.NER;
        }

        @Override
        Map<String, List<TaggedSequence>> moreCorpora(Path datasets, TaggingTask task) {
            Map<String, List<TaggedSequence>> more = new LinkedHashMap<>();
            for (EntityTypes types : addCorpora) {
                if (types == EntityTypes.MSRA) {
                    throw new ParameterException(spec.commandLine(), "--add-corpora: msra_ner is the teacher's own corpus; "
                            + "add weibo, resume or cluener");
                }
                Path file = TaggingCorpus.nerTrainFile(datasets, types);
                more.put(file.getParent().getFileName().toString(), CharTagCorpus.read(file, task.labels(), types));
            }
            return more;
        }
    }

    @Command(name = "teacher-segmenter", mixinStandardHelpOptions = true,
            description = "Fine-tune bge-small-zh-v1.5 into the BMES segmentation teacher (MSR convention, msra_ner's "
                    + "words); resumable from --checkpoint-dir.")
    public static final class Segmenter extends TeacherTaggerTrainCommand {
        @Override
        TaggingCorpus corpus() {
            return TaggingCorpus.SEGMENTER;
        }
    }

    @Command(name = "teacher-pos", mixinStandardHelpOptions = true,
            description = "Fine-tune bge-small-zh-v1.5 into the UPOS teacher on UD Chinese GSD (words given, as "
                    + "'train pos'); resumable from --checkpoint-dir.")
    public static final class Pos extends TeacherTaggerTrainCommand {
        @Override
        TaggingCorpus corpus() {
            return TaggingCorpus.POS;
        }
    }
}
