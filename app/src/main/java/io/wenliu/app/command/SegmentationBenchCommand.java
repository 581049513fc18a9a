package io.wenliu.app.command;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.common.Term;
import io.wenliu.models.data.SegmentedCorpus;
import io.wenliu.models.segment.Segmenter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** Work done by one configuration. */
    private interface Workload {
        /** Processes texts [from, from + count) (wrapping around) and returns the characters done. */
        long run(int from, int count) throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        List<String> texts = texts();
        long totalChars = texts.stream().mapToLong(String::length).sum();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Text: %d texts, %d characters (%s)%n", texts.size(), totalChars,
                input != null ? input : datasets.resolve("msra_ner/dev.wordtag.txt"));
        out.printf(Locale.ROOT, "JVM: %s %s, %d processors%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

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
            hanlp.put(t, measure(hanlpWork, 1, t, texts.size()));
            out.printf(Locale.ROOT, "HanLP.segment             threads %d: %,12.0f chars/s%n", t, hanlp.get(t));
            out.flush();
        }
        try (Segmenter segmenter = Segmenter.open(options.settings())) {
            out.printf(Locale.ROOT, "Wenliu model %s (%s), device %s, max batch %d%n", segmenter.artifact().name(),
                    segmenter.artifact().directory(), options.device, options.batchSize);
            for (int batch : batches) {
                Workload wenliu = (from, count) -> {
                    List<String> slice = new ArrayList<>(count);
                    long chars = 0;
                    for (int i = 0; i < count; i++) {
                        String text = texts.get((from + i) % texts.size());
                        slice.add(text);
                        chars += text.length();
                    }
                    segmenter.segment(slice);
                    return chars;
                };
                for (int t : threads) {
                    double rate = measure(wenliu, batch, t, texts.size());
                    out.printf(Locale.ROOT, "Wenliu batch %3d           threads %d: %,12.0f chars/s  = %.3fx HanLP (%d threads)%n",
                            batch, t, rate, rate / hanlp.get(t), t);
                    out.flush();
                }
            }
        }
        out.printf(Locale.ROOT, "Peak RSS (VmHWM): %s%n", peakRss());
        out.flush();
        return 0;
    }

    /** Characters per second of {@code work} on {@code threadCount} threads after a warm-up. */
    private double measure(Workload work, int batch, int threadCount, int textCount) throws Exception {
        // long enough for the JIT to finish with HanLP's Viterbi and for TensorFlow's first runs per bucket
        run(work, batch, threadCount, textCount, Math.min(6, Math.max(2, seconds / 2)));
        return run(work, batch, threadCount, textCount, seconds);
    }

    private double run(Workload work, int batch, int threadCount, int textCount, double duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threadCount);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Future<Long>> done = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < threadCount; t++) {
                int first = t * (textCount / threadCount);
                done.add(pool.submit(() -> {
                    long chars = 0;
                    int at = first;
                    while (!stop.get()) {
                        chars += work.run(at, batch);
                        at = (at + batch) % textCount;
                    }
                    return chars;
                }));
            }
            long deadline = started + (long) (duration * 1e9);
            while (System.nanoTime() < deadline) {
                Thread.sleep(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000)));
            }
            stop.set(true);
            long chars = 0;
            for (Future<Long> f : done) {
                chars += f.get();
            }
            return chars / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
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

    /** The process's peak resident set size from /proc/self/status, or "unknown" off Linux. */
    static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring("VmHWM:".length()).strip();
                }
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }
}
