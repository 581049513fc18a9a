package io.wenliu.app.command;

import io.wenliu.models.train.classifier.ClassifierHyperParameters;
import io.wenliu.models.train.classifier.SentimentCorpus;
import io.wenliu.models.train.classifier.SentimentTraining;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu train sentiment}: trains the sentiment classifier on a mix of the shared sentiment
 * corpora and writes its artifact (SavedModel, vocabulary, labels, manifest, model card with the dev
 * accuracy of every corpus).
 */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = "Train the sentiment classifier on the sentiment corpora under --datasets and write its artifact.")
public final class SentimentTrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TrainingOptions training;

    @Mixin
    private NetworkOptions network;


    @Option(names = "--corpora", split = ",", description = "Corpora to mix, the first chooses the checkpoint "
            + "(default: chnsenticorp,online_shopping_10_cats,waimai_10k,chnsenticorp_htl_all).")
    private List<String> corpora = SentimentCorpus.SHARED_CORPORA;




    @Option(names = "--time-budget", defaultValue = "PT35M",
            description = "Stop training once this ISO-8601 duration is spent (default: ${DEFAULT-VALUE}).")
    private Duration timeBudget;

    @Option(names = "--max-texts", defaultValue = "0",
            description = "Train on a seeded random sample of N mixed texts; 0 = all (default: ${DEFAULT-VALUE}).")
    private int maxTexts;

    @Option(names = "--primary-repeats", defaultValue = "2",
            description = "Times per epoch the first corpus's texts are seen (default: ${DEFAULT-VALUE}).")
    private int primaryRepeats;




    @Override
    public Integer call() throws Exception {
        Path datasets = training.datasets(spec);
        ClassifierHyperParameters hp = ClassifierHyperParameters.sentimentDefaults();
        if (training.epochs() != null) {
            hp = hp.withMaxEpochs(training.epochs());
        }
        if (network.averageDecay() != null) {
            hp = hp.withAverageDecay(network.averageDecay());
        }
        if (network.wordPositions() != null) {
            throw new ParameterException(spec.commandLine(), "--word-positions is for taggers given words (pos)");
        }
        if (network.channels() != null) {
            hp = hp.withChannels(network.channels());
        }
        if (network.dropout() != null) {
            hp = hp.withDropout(network.dropout());
        }
        if (network.dilations() != null) {
            hp = hp.withDilations(network.dilations());
        }
        Path out = training.output("sentiment");
        SentimentTraining.Result result = SentimentTraining.run(new SentimentTraining.Settings(datasets, corpora, out,
                training.version(), hp, timeBudget, maxTexts, primaryRepeats, TrainingOptions.commandLine(spec),
                network.warmStartFrom()));
        result.devScores().forEach((corpus, score) -> spec.commandLine().getOut().printf(
                "%s dev accuracy %.4f (%d documents)%n", corpus, score.accuracy(), score.documents()));
        spec.commandLine().getOut().println("Wrote " + out.toAbsolutePath());
        return 0;
    }
}
