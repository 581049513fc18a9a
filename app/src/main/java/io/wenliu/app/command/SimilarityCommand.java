package io.wenliu.app.command;

import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.vectors.UnitVectors;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu similarity}: reads {@code text_a<TAB>text_b} lines from standard input and writes
 * one {@code label<TAB>cosine} line per input line, in order: label 1 when the cosine of the two
 * sentence embeddings reaches the model's decision threshold (same meaning), else 0. Lines are
 * embedded in batches.
 */
@Command(name = "similarity", mixinStandardHelpOptions = true,
        description = "Judge sentence pairs: 'text_a<TAB>text_b' lines in, 'label<TAB>cosine' lines out "
                + "(label 1 = same meaning, by the model's threshold).")
public final class SimilarityCommand implements Callable<Integer> {
    /** Pairs per encoder call. */
    private static final int PAIRS_PER_CALL = 1024;

    @Spec
    private CommandSpec spec;

    @Mixin
    private SimilarityOptions options;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (SentenceEncoder encoder = options.open();
             BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            List<String> firsts = new ArrayList<>(PAIRS_PER_CALL);
            List<String> seconds = new ArrayList<>(PAIRS_PER_CALL);
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    spec.commandLine().getErr().println("Line " + number + " has no TAB between text_a and text_b: '"
                            + line + "'");
                    out.flush();
                    return 2;
                }
                firsts.add(line.substring(0, tab));
                seconds.add(line.substring(tab + 1));
                if (firsts.size() == PAIRS_PER_CALL) {
                    write(encoder, firsts, seconds, out);
                }
            }
            write(encoder, firsts, seconds, out);
        }
        out.flush();
        return 0;
    }

    private static void write(SentenceEncoder encoder, List<String> firsts, List<String> seconds, PrintWriter out)
            throws Exception {
        if (firsts.isEmpty()) {
            return;
        }
        List<String> texts = new ArrayList<>(firsts);
        texts.addAll(seconds);
        List<float[]> vectors = encoder.encode(texts);
        StringBuilder lines = new StringBuilder();
        int n = firsts.size();
        for (int i = 0; i < n; i++) {
            float cosine = UnitVectors.dot(vectors.get(i), vectors.get(n + i));
            lines.append(cosine >= encoder.threshold() ? '1' : '0').append('\t')
                    .append(String.format(Locale.ROOT, "%.6f", cosine)).append('\n');
        }
        out.print(lines);
        firsts.clear();
        seconds.clear();
    }
}
