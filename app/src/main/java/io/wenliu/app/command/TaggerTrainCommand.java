package io.wenliu.app.command;

import io.wenliu.models.train.TaggerHyperParameters;
import io.wenliu.models.train.TaggerTraining;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu train segmenter|ner|pos}: trains a character tagger with Wenliu's own trainer on the
 * shared corpora and writes the artifact (SavedModel, vocabulary, labels, manifest, model card). Each
 * model is a subcommand ({@link Segmenter}, {@link Ner}, {@link Pos}) that names its task and corpora.
 */
public abstract class TaggerTrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

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

    /** The model's task and corpora. */
    abstract TaggingCorpus corpus();

    abstract TaggerHyperParameters defaults();

    /** Whether the tagger is given words (word positions packed into its input). */
    boolean givenWords() {
        return false;
    }

    @Override
    public Integer call() throws Exception {
        Path datasets = training.datasets(spec);
        TaggerHyperParameters hp = defaults();
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
        if (Boolean.TRUE.equals(network.wordPositions()) && !givenWords()) {
            throw new ParameterException(spec.commandLine(), "--word-positions is for taggers given words (pos), not " + corpus().model());
        }
        if (network.wordPositions() != null) {
            hp = hp.withWordPositions(network.wordPositions());
        }
        if (network.dropout() != null) {
            hp = hp.withDropout(network.dropout());
        }
        TaggingCorpus corpus = corpus();
        Path out = training.output(corpus.model());
        TaggerTraining.run(corpus.task(), new TaggerTraining.Settings(corpus.trainFiles(datasets), corpus.devFiles(datasets), out,
                training.version(), hp, timeBudget, maxSentences, TrainingOptions.commandLine(spec), network.warmStartFrom()));
        spec.commandLine().getOut().println("Wrote " + out.toAbsolutePath());
        return 0;
    }

    @Command(name = "segmenter", mixinStandardHelpOptions = true,
            description = "Train the BMES segmenter on the MSR-convention corpus under --datasets and write its artifact.")
    public static final class Segmenter extends TaggerTrainCommand {
        @Override
        TaggingCorpus corpus() {
            return TaggingCorpus.SEGMENTER;
        }

        @Override
        TaggerHyperParameters defaults() {
            return TaggerHyperParameters.segmenterDefaults();
        }
    }

    @Command(name = "ner", mixinStandardHelpOptions = true,
            description = "Train the PER/LOC/ORG entity tagger on msra_ner under --datasets and write its artifact.")
    public static final class Ner extends TaggerTrainCommand {
        @Override
        TaggingCorpus corpus() {
            return TaggingCorpus.NER;
        }

        @Override
        TaggerHyperParameters defaults() {
            return TaggerHyperParameters.nerDefaults();
        }
    }

    @Command(name = "pos", mixinStandardHelpOptions = true,
            description = "Train the UPOS tagger on UD Chinese GSD under --datasets and write its artifact.")
    public static final class Pos extends TaggerTrainCommand {
        @Override
        TaggingCorpus corpus() {
            return TaggingCorpus.POS;
        }

        @Override
        TaggerHyperParameters defaults() {
            return TaggerHyperParameters.posDefaults();
        }

        @Override
        boolean givenWords() {
            return true;
        }
    }
}
