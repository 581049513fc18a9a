package io.wenliu.app.command;

import io.wenliu.models.sentiment.SentimentModel;
import io.wenliu.models.sentiment.SentimentPrediction;
import io.wenliu.models.train.classifier.ClassifierTrainer;
import io.wenliu.models.train.classifier.LabeledText;
import io.wenliu.models.train.classifier.SentimentCorpus;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu eval sentiment}: accuracy of the deployed sentiment model, served through DJL, on
 * the dev split of every shared sentiment corpus (or of the corpora given).
 */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = "Accuracy of the deployed sentiment model on each sentiment corpus's dev split.")
public final class SentimentEvalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions options;

    @Mixin
    private DatasetsOption datasets;

    @Option(names = "--corpora", split = ",", description = "Corpora whose dev split to score "
            + "(default: chnsenticorp,online_shopping_10_cats,waimai_10k,chnsenticorp_htl_all).")
    private List<String> corpora = SentimentCorpus.SHARED_CORPORA;

    @Option(names = "--split", defaultValue = "dev", description = "Split to score (default: ${DEFAULT-VALUE}).")
    private String split;

    @Override
    public Integer call() throws Exception {
        for (String corpus : corpora) {
            Path file = datasets.directory().resolve(corpus).resolve(split + ".tsv");
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "No " + file.toAbsolutePath()
                        + "; pass --datasets (env WENLIU_DATASETS_DIR) or --corpora");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        try (SentimentModel model = SentimentModel.open(options.settings())) {
            out.printf("Model %s (%s)%n", model.artifact().name(), model.artifact().directory());
            out.printf("%-28s %9s %9s %11s%n", "corpus (" + split + ")", "documents", "accuracy", "documents/s");
            for (String corpus : corpora) {
                List<LabeledText> gold = SentimentCorpus.read(datasets.directory(), corpus, split);
                long started = System.nanoTime();
                List<SentimentPrediction> predicted = model.classify(gold.stream().map(LabeledText::text).toList());
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf(Locale.ROOT, "%-28s %9d %9.4f %11.0f%n", corpus, gold.size(),
                        ClassifierTrainer.accuracy(gold, predicted), gold.size() / seconds);
            }
        }
        out.flush();
        return 0;
    }
}
