package io.wenliu.app.command;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.common.Term;
import io.wenliu.app.command.bench.ThroughputHarness;
import io.wenliu.app.command.bench.ThroughputHarness.Workload;
import io.wenliu.models.segment.Segmenter;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu bench segment}: characters per second of Wenliu's segmenter at several batch sizes
 * and thread counts, and of HanLP portable's default segmenter ({@code HanLP.segment}, the baseline)
 * on the same texts in the same JVM, with the ratio and the process's peak RSS.
 *
 * <p>Each configuration runs for {@code --seconds} after a warm-up; threads each loop over the texts
 * (in text.batches() of the configured size for Wenliu, one text per call for HanLP, which has no batch API).
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Segmentation characters/s: Wenliu (batch 1/32/256 x 1/2 threads) vs HanLP portable, same text, same JVM.")
public final class SegmentationBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SegmenterOptions options;

    @Mixin
    private BenchTextOptions text;

    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Thread counts (default: ${DEFAULT-VALUE}).")
    private List<Integer> threads;

    @Override
    public Integer call() throws Exception {
        List<String> texts = text.texts(spec);
        long totalChars = texts.stream().mapToLong(String::length).sum();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Text: %d texts, %d characters (%s)%n", texts.size(), totalChars,
                text.source());
        out.printf(Locale.ROOT, "JVM: %s %s, %d processors%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        // long enough for the JIT to finish with HanLP's Viterbi and for TensorFlow's first runs per bucket
        ThroughputHarness harness = new ThroughputHarness(texts.size(), Math.min(6, Math.max(2, text.seconds() / 2)), text.seconds());
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
                    segmenter.artifact().directory(), options.model.device, options.model.batchSize);
            Workload wenliu = ThroughputHarness.textBatches(texts, segmenter::segment);
            for (int batch : text.batches()) {
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
}
