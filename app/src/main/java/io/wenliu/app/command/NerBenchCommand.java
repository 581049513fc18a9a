package io.wenliu.app.command;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import io.wenliu.app.command.bench.ThroughputHarness;
import io.wenliu.app.command.bench.ThroughputHarness.Workload;
import io.wenliu.models.ner.EntityRecognizer;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu bench ner}: characters per second of Wenliu's entity recognizer (model, Viterbi and
 * forward-backward confidences) at several batch sizes, and of HanLP portable's segmenter with person,
 * place and organisation recognition on ({@code HanLP.newSegment().enableNameRecognize(true)
 * .enablePlaceRecognize(true).enableOrganizationRecognize(true)}, the baseline) on the same texts in the
 * same JVM, each on one thread, with the ratio. Each configuration runs for {@code --seconds} after a warm-up, in
 * {@code --rounds} interleaved rounds whose median is reported; HanLP has no batch API and takes one text
 * per call.
 */
@Command(name = "ner", mixinStandardHelpOptions = true,
        description = "NER characters/s: Wenliu (batch sizes) vs HanLP portable with name/place/organisation recognition, same text, same JVM.")
public final class NerBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SegmenterOptions options;

    @Mixin
    private BenchTextOptions text;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Rounds over all configurations; the median is reported (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Override
    public Integer call() throws Exception {
        List<String> texts = text.texts(spec);
        long totalChars = texts.stream().mapToLong(String::length).sum();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Date %s; text: %d texts, %d characters (%s)%n", LocalDate.now(), texts.size(), totalChars,
                text.source());
        out.printf(Locale.ROOT, "JVM: %s %s, %d processors; OS %s %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"));

        ThroughputHarness harness = new ThroughputHarness(texts.size(), Math.min(3, Math.max(1, text.seconds() / 3)), text.seconds());
        Segment hanlp = HanLP.newSegment().enableNameRecognize(true).enablePlaceRecognize(true)
                .enableOrganizationRecognize(true);
        hanlp.seg("预热：加载张三在北京大学的词典。"); // loads HanLP's dictionaries and models before timing
        Workload hanlpWork = (from, count) -> {
            long chars = 0;
            for (int i = 0; i < count; i++) {
                String text = texts.get((from + i) % texts.size());
                chars += hanlp.seg(text).isEmpty() ? 0 : text.length();
            }
            return chars;
        };
        try (EntityRecognizer recognizer = EntityRecognizer.open(options.settings())) {
            out.printf(Locale.ROOT, "Wenliu model %s (%s), device %s, max batch %d%n", recognizer.artifact().name(),
                    recognizer.artifact().directory(), options.model.device, options.model.batchSize);
            Workload wenliu = ThroughputHarness.textBatches(texts, recognizer::recognize);
            // rounds interleave the configurations, so that load from other processes hits all of them alike
            double[][] rates = new double[1 + text.batches().size()][rounds];
            for (int round = 0; round < rounds; round++) {
                rates[0][round] = harness.measure(hanlpWork, 1, 1).unitsPerSecond();
                for (int b = 0; b < text.batches().size(); b++) {
                    rates[1 + b][round] = harness.measure(wenliu, text.batches().get(b), 1).unitsPerSecond();
                }
                int r = round;
                out.printf(Locale.ROOT, "round %d: HanLP %,.0f chars/s; Wenliu %s chars/s%n", r + 1, rates[0][r],
                        IntStream.range(0, text.batches().size()).mapToObj(b -> String.format(Locale.ROOT,
                                "batch %d %,.0f", text.batches().get(b), rates[1 + b][r])).toList());
                out.flush();
            }
            double baseline = median(rates[0]);
            out.printf(Locale.ROOT, "Median of %d rounds of %.0f s:%n", rounds, text.seconds());
            out.printf(Locale.ROOT, "HanLP portable segment + name/place/organisation recognition: %,12.0f chars/s%n", baseline);
            for (int b = 0; b < text.batches().size(); b++) {
                double rate = median(rates[1 + b]);
                out.printf(Locale.ROOT, "Wenliu NER batch %3d:                                        %,12.0f chars/s = %.3fx HanLP%n",
                        text.batches().get(b), rate, rate / baseline);
            }
        }
        out.printf(Locale.ROOT, "Peak RSS (VmHWM): %s%n", ThroughputHarness.peakRss());
        out.flush();
        return 0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
