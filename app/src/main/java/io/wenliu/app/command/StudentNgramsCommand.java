package io.wenliu.app.command;

import io.wenliu.models.student.SentimentNgrams;
import io.wenliu.models.train.classifier.SentimentNgramsTrainer;
import io.wenliu.models.train.student.StudentSentimentNgrams;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu train student-ngrams}: trains a student's sentiment n-grams on the sentiment texts it was trained on and
 * writes them into its artifact, as {@code train student} does at its end; for students trained before it did.
 */
@Command(name = "student-ngrams", mixinStandardHelpOptions = true,
        description = "Train the sentiment n-grams of a trained student (a linear model over the whole text's character "
                + "n-grams whose probability the sentiment head averages with the network's) on its own training texts, and "
                + "write them into its artifact with their validation and dev accuracy ('train student' does this itself).")
public final class StudentNgramsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatasetsOption datasets;

    @Mixin
    private StudentModelOption model;

    @Option(names = "--buckets", paramLabel = "N", description = "Hashed n-gram buckets, a power of two (default: ${DEFAULT-VALUE}).")
    private int buckets = SentimentNgramsTrainer.Settings.defaults().buckets();

    @Option(names = "--max-order", paramLabel = "N", description = "The longest n-gram in characters (default: ${DEFAULT-VALUE}).")
    private int maxOrder = SentimentNgramsTrainer.Settings.defaults().maxOrder();

    @Option(names = "--cost", paramLabel = "C",
            description = "The logistic regression's C, the data's weight against the L2 penalty (default: ${DEFAULT-VALUE}).")
    private double cost = SentimentNgramsTrainer.Settings.defaults().cost();

    @Override
    public Integer call() throws Exception {
        StudentSentimentNgrams.Result r = StudentSentimentNgrams.write(datasets.directory(), model.directory(),
                new SentimentNgramsTrainer.Settings(buckets, maxOrder, cost));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Wrote %s; accuracy: network alone, n-grams alone, served (both)%n", model.directory().resolve(SentimentNgrams.FILE));
        print(out, "validation", r.validation());
        print(out, "ChnSentiCorp dev", r.dev());
        print(out, "ChnSentiCorp dev, texts in no training text", r.devUnseen());
        return 0;
    }

    private static void print(PrintWriter out, String split, StudentSentimentNgrams.Accuracy a) {
        out.printf(Locale.ROOT, "  %s (%d texts): %.4f, %.4f, %.4f%n", split, a.texts(), a.network(), a.ngrams(), a.served());
    }
}
