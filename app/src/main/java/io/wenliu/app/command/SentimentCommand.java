package io.wenliu.app.command;

import io.wenliu.models.sentiment.SentimentModel;
import io.wenliu.models.sentiment.SentimentPrediction;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu sentiment}: classifies text line by line. Each input line gives exactly one output
 * line {@code label<TAB>probability}: label 1 (positive) when the probability of positive is at
 * least 0.5, else 0, and that probability with four decimals. A line with no characters but
 * whitespace gives {@code 1<TAB>0.5000}: no evidence either way, labelled by the same threshold.
 * Lines are classified in batches; long lines are chunked and combined by the model.
 */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = "Classify UTF-8 text line by line: 'label<TAB>probability' per input line "
                + "(label 1 = positive, 0 = negative; probability of positive).")
public final class SentimentCommand implements Callable<Integer> {
    /** Lines per model call: enough to fill several batches. */
    private static final int LINES_PER_CALL = 1024;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions model;

    @Option(names = "--input", description = "Read this UTF-8 file instead of standard input.")
    private Path input;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (SentimentModel sentiment = SentimentModel.open(model.settings());
             BufferedReader reader = input != null ? Files.newBufferedReader(input, StandardCharsets.UTF_8)
                     : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>(LINES_PER_CALL);
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (lines.size() == LINES_PER_CALL) {
                    write(sentiment.classify(lines), out);
                    lines.clear();
                }
            }
            write(sentiment.classify(lines), out);
        }
        out.flush();
        return 0;
    }

    static String format(SentimentPrediction p) {
        return String.format(Locale.ROOT, "%d\t%.4f", p.label(), p.positiveProbability());
    }

    private static void write(List<SentimentPrediction> predictions, PrintWriter out) {
        StringBuilder text = new StringBuilder();
        predictions.forEach(p -> text.append(format(p)).append('\n'));
        out.print(text);
    }
}
