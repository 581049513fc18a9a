package io.wenliu.app.command;

import io.wenliu.models.train.NerTask;
import io.wenliu.models.train.PosTask;
import io.wenliu.models.train.SegmentationTask;
import io.wenliu.models.train.TaggerHyperParameters;
import io.wenliu.models.train.TaggerTraining;
import io.wenliu.models.train.TaggingTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wenliu train segmenter|ner|pos}: trains a character tagger with Wenliu's own trainer on the
 * shared corpora and writes the artifact (SavedModel, vocabulary, labels, manifest, model card).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a character tagger (segmenter, ner, pos) on the corpora under --datasets and write its artifact directory.",
        subcommands = {SentimentTrainCommand.class, SimilarityTrainCommand.class, TeacherSentimentTrainCommand.class,
                TeacherSimilarityTrainCommand.class})
public final class TrainCommand implements Callable<Integer> {

    /** The character-tagging models the trainer can produce. */
    public enum Model { segmenter, ner, pos }

    @Spec
    private CommandSpec spec;

    // optional so that subcommands (train sentiment) parse; call() requires it
    @Parameters(index = "0", arity = "0..1", description = "What to train: ${COMPLETION-CANDIDATES}, or a subcommand.")
    private Model model;

    @Mixin
    private TrainingOptions training;

    @Mixin
    private NetworkOptions network;





    @Option(names = "--time-budget", defaultValue = "PT3H",
            description = "Stop after the epoch that runs past this ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    private Duration timeBudget;

    @Option(names = "--max-sentences", defaultValue = "0",
            description = "Use only the first N training sentences; 0 = all (default: ${DEFAULT-VALUE}).")
    private int maxSentences;




    @Override
    public Integer call() throws Exception {
        if (model == null) {
            throw new ParameterException(spec.commandLine(), "Say what to train: " + java.util.Arrays.toString(Model.values())
                    + " or one of the subcommands " + spec.subcommands().keySet());
        }
        Path datasets = training.datasets(spec);
        TaggingTask task;
        List<Path> train;
        Map<String, Path> dev = new LinkedHashMap<>();
        TaggerHyperParameters hp;
        switch (model) {
            case segmenter -> {
                // MSR convention only: sxu_cws and UD split words differently, so mixing them would blur
                // the convention the model is judged on; they are scored as extra dev sets instead.
                task = new SegmentationTask();
                train = List.of(datasets.resolve("msra_ner/train.wordtag.txt"));
                dev.put("msr", datasets.resolve("msra_ner/dev.wordtag.txt"));
                dev.put("sxu", datasets.resolve("sxu_cws/dev.txt"));
                hp = TaggerHyperParameters.segmenterDefaults();
            }
            case ner -> {
                task = NerTask.msra();
                train = List.of(datasets.resolve("msra_ner/train.bio"));
                dev.put("msra", datasets.resolve("msra_ner/dev.bio"));
                hp = TaggerHyperParameters.nerDefaults();
            }
            case pos -> {
                // UD Chinese GSD (UPOS); zhuxian_pos uses the CTB tag set and another domain, so it is not mixed in.
                task = new PosTask();
                train = List.of(datasets.resolve("ud_chinese_pos/train.conll"));
                dev.put("ud", datasets.resolve("ud_chinese_pos/dev.conll"));
                hp = TaggerHyperParameters.posDefaults();
            }
            default -> throw new IllegalStateException("unreachable: " + model);
        }
        if (training.epochs() != null) {
            hp = hp.withMaxEpochs(training.epochs());
        }
        if (network.dilations() != null) {
            hp = hp.withDilations(network.dilations());
        }
        if (network.channels() != null) {
            hp = hp.withChannels(network.channels());
        }
        if (network.averageDecay() != null) {
            hp = hp.withAverageDecay(network.averageDecay());
        }
        if (Boolean.TRUE.equals(network.wordPositions()) && model != Model.pos) {
            throw new ParameterException(spec.commandLine(), "--word-positions is for taggers given words (pos), not " + model);
        }
        if (network.wordPositions() != null) {
            hp = hp.withWordPositions(network.wordPositions());
        }
        if (network.dropout() != null) {
            hp = hp.withDropout(network.dropout());
        }
        Path out = training.output(model.name());
        TaggerTraining.run(task, new TaggerTraining.Settings(train, dev, out, training.version(), hp, timeBudget,
                maxSentences, TrainingOptions.commandLine(spec), network.warmStartFrom()));
        spec.commandLine().getOut().println("Wrote " + out.toAbsolutePath());
        return 0;
    }
}
