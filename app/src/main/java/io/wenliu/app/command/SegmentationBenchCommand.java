package io.wenliu.app.command;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.common.Term;
import io.wenliu.app.command.bench.ThroughputHarness;
import io.wenliu.app.command.bench.ThroughputHarness.Workload;
import io.wenliu.models.data.SegmentedCorpus;
import io.wenliu.models.segment.Segmenter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu bench segment}: characters per second of Wenliu's segmenter at several batch sizes
 * and thread counts, and of HanLP portable's default segmenter ({@code HanLP.segment}, the baseline)
 * on the same texts in the same JVM, with the ratio and the process's peak RSS.
 *
 * <p>Each configuration runs for {@code --seconds} after a warm-up; threads each loop over the texts
 * (in batches of the configured size for Wenliu, one text per call for HanLP, which has no batch API).
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Segmentation characters/s: Wenliu (batch 1/32/256 x 1/2 threads) vs HanLP portable, same text, same JVM.")
public final class SegmentationBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SegmenterOptions options;

    @Option(names = "--input", description = "UTF-8 text, one text per line (default: the sentences of msra_ner/dev.wordtag.txt).")
    private Path input;

    @Option(names = "--datasets", defaultValue = "${env:WENLIU_DATASETS_DIR:-../shared/datasets}",
            description = "Folder of the shared corpora (default: ${DEFAULT-VALUE}).")
    private Path datasets;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per configuration (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--batches", split = ",", defaultValue = "1,32,256", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    private List<Integer> batches;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Thread counts (default: ${DEFAULT-VALUE}).")
    private List<Integer> threads;

    @Override
    public Integer call() throws Exception {
        List<String> texts = texts();
        long totalChars = texts.stream().mapToLong(String::length).sum();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Text: %d texts, %d characters (%s)%n", texts.size(), totalChars,
                input != null ? input : datasets.resolve("msra_ner/dev.wordtag.txt"));
        out.printf(Locale.ROOT, "JVM: %s %s, %d processors%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        // long enough for the JIT to finish with HanLP's Viterbi and for TensorFlow's first runs per bucket
        ThroughputHarness harness = new ThroughputHarness(texts.size(), Math.min(6, Math.max(2, seconds / 2)), seconds);
        Map<Integer, Double> hanlp = new LinkedHashMap<>();
        Workload hanlpWork = (from, count) -> {
            long chars = 0;
            for (int i = 0; i < count; i++) {
                String text = texts.get((from + i) % texts.size());
                List<Term> terms = HanLP.segment(text);
                if (terms.isEmpty()) {
                    throw new IllegalStateException("HanLP returned no words for '" + text + "'");
                }
                chars += text.length();
            }
            return chars;
        };
        HanLP.segment("预热：加载词典。"); // loads HanLP's dictionaries before timing
        for (int t : threads) {
            hanlp.put(t, harness.measure(hanlpWork, 1, t).unitsPerSecond());
            out.printf(Locale.ROOT, "HanLP.segment             threads %d: %,12.0f chars/s%n", t, hanlp.get(t));
            out.flush();
        }
        try (Segmenter segmenter = Segmenter.open(options.settings())) {
            out.printf(Locale.ROOT, "Wenliu model %s (%s), device %s, max batch %d%n", segmenter.artifact().name(),
                    segmenter.artifact().directory(), options.device, options.batchSize);
            Workload wenliu = ThroughputHarness.textBatches(texts, segmenter::segment);
            for (int batch : batches) {
                for (int t : threads) {
                    double rate = harness.measure(wenliu, batch, t).unitsPerSecond();
                    out.printf(Locale.ROOT, "Wenliu batch %3d           threads %d: %,12.0f chars/s  = %.3fx HanLP (%d threads)%n",
                            batch, t, rate, rate / hanlp.get(t), t);
                    out.flush();
                }
            }
        }
        out.printf(Locale.ROOT, "Peak RSS (VmHWM): %s%n", ThroughputHarness.peakRss());
        out.flush();
        return 0;
    }

    private List<String> texts() throws IOException {
        if (input != null) {
            List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "No text in " + input);
            }
            return lines;
        }
        Path dev = datasets.resolve("msra_ner/dev.wordtag.txt");
        if (!Files.isRegularFile(dev)) {
            throw new ParameterException(spec.commandLine(), "No " + dev.toAbsolutePath() + "; pass --input or --datasets");
        }
        return SegmentedCorpus.read(dev).stream().map(SegmentedCorpus.Sentence::text).toList();
    }
}
