package io.wenliu.app.command;

import io.wenliu.models.train.classifier.ClassifierHyperParameters;
import io.wenliu.models.train.classifier.SentimentCorpus;
import io.wenliu.models.train.classifier.SentimentTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--datasets", defaultValue = "${env:WENLIU_DATASETS_DIR:-../shared/datasets}",
            description = "Folder of the shared corpora (default: ${DEFAULT-VALUE}; env WENLIU_DATASETS_DIR).")
    private Path datasets;

    @Option(names = "--corpora", split = ",", description = "Corpora to mix, the first chooses the checkpoint "
            + "(default: chnsenticorp,online_shopping_10_cats,waimai_10k,chnsenticorp_htl_all).")
    private List<String> corpora = SentimentCorpus.SHARED_CORPORA;

    @Option(names = "--output", description = "Artifact directory to write (default: models/artifacts/sentiment/<version>).")
    private Path output;

    @Option(names = "--artifact-version", defaultValue = "1", description = "Artifact version (default: ${DEFAULT-VALUE}).")
    private String version;

    @Option(names = "--epochs", description = "Most passes over the training data (default: the model's).")
    private Integer epochs;

    @Option(names = "--time-budget", defaultValue = "PT35M",
            description = "Stop training once this ISO-8601 duration is spent (default: ${DEFAULT-VALUE}).")
    private Duration timeBudget;

    @Option(names = "--max-texts", defaultValue = "0",
            description = "Train on a seeded random sample of N mixed texts; 0 = all (default: ${DEFAULT-VALUE}).")
    private int maxTexts;

    @Option(names = "--primary-repeats", defaultValue = "2",
            description = "Times per epoch the first corpus's texts are seen (default: ${DEFAULT-VALUE}).")
    private int primaryRepeats;

    @Option(names = "--dropout", description = "Drop rate on embeddings, block outputs and pooled features (default: the model's).")
    private Float dropout;

    @Option(names = "--dilations", split = ",", paramLabel = "D",
            description = "One gated convolution block per dilation rate, e.g. 1,2,4 (default: the model's).")
    private List<Integer> dilations;

    @Option(names = "--warm-start-from", paramLabel = "ARTIFACT",
            description = "Start the character/bigram embeddings and convolution blocks from this tagger artifact "
                    + "(e.g. models/artifacts/segmenter/1) instead of random weights.")
    private Path warmStartFrom;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(datasets)) {
            throw new ParameterException(spec.commandLine(), "No datasets folder at " + datasets.toAbsolutePath()
                    + "; pass --datasets or set WENLIU_DATASETS_DIR");
        }
        ClassifierHyperParameters hp = ClassifierHyperParameters.sentimentDefaults();
        if (epochs != null) {
            hp = hp.withMaxEpochs(epochs);
        }
        if (dropout != null) {
            hp = hp.withDropout(dropout);
        }
        if (dilations != null) {
            hp = hp.withDilations(dilations);
        }
        Path out = output != null ? output : Path.of("models", "artifacts", "sentiment", version);
        // the root's parse result holds the whole command line (train sentiment ...)
        String command = "java -jar app/target/wenliu.jar "
                + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
        SentimentTraining.Result result = SentimentTraining.run(new SentimentTraining.Settings(datasets, corpora, out,
                version, hp, timeBudget, maxTexts, primaryRepeats, command, warmStartFrom));
        result.devScores().forEach((corpus, score) -> spec.commandLine().getOut().printf(
                "%s dev accuracy %.4f (%d documents)%n", corpus, score.accuracy(), score.documents()));
        spec.commandLine().getOut().println("Wrote " + out.toAbsolutePath());
        return 0;
    }
}
