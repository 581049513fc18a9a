package io.wenliu.app.command.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The measuring loop of the throughput benches ({@code wenliu bench segment|ner|sentiment}): a workload
 * runs over a list of items in batches, on some threads, for a while after a warm-up, and what it did
 * is counted. Each thread starts at its own share of the list and walks it a batch at a time, wrapping
 * around, so every call gets exactly one batch of items and the threads work on different items.
 *
 * <p>Immutable; each measurement uses its own threads.
 */
public final class ThroughputHarness {
    private final int itemCount;
    private final double warmUpSeconds;
    private final double seconds;

    /**
     * @param itemCount     size of the list the workloads index (positions wrap around at it)
     * @param warmUpSeconds run before each measurement, its count discarded (JIT, model caches)
     * @param seconds       measured time
     */
    public ThroughputHarness(int itemCount, double warmUpSeconds, double seconds) {
        if (itemCount < 1) {
            throw new IllegalArgumentException("Need at least one item, got " + itemCount);
        }
        this.itemCount = itemCount;
        this.warmUpSeconds = warmUpSeconds;
        this.seconds = seconds;
    }

    /** One call of the measured code. */
    @FunctionalInterface
    public interface Workload {
        /** Processes items [from, from + count) of the list, wrapping around, and returns the units done. */
        long run(int from, int count) throws Exception;
    }

    /** Measured code that takes a batch of texts per call, e.g. a model's batch method. */
    @FunctionalInterface
    public interface TextBatchWork {
        void process(List<String> batch) throws Exception;
    }

    /** A workload handing {@code work} batches of {@code texts}; its units are the batches' characters. */
    public static Workload textBatches(List<String> texts, TextBatchWork work) {
        return (from, count) -> {
            List<String> batch = new ArrayList<>(count);
            long chars = 0;
            for (int i = 0; i < count; i++) {
                String text = texts.get((from + i) % texts.size());
                batch.add(text);
                chars += text.length();
            }
            work.process(batch);
            return chars;
        };
    }

    /**
     * What one measurement did.
     *
     * @param items   items handed to the workload (calls × batch)
     * @param units   units the workload reported
     * @param seconds wall-clock time, from starting the threads until the last one finished
     */
    public record Throughput(long items, long units, double seconds) {
        public double itemsPerSecond() {
            return items / seconds;
        }

        public double unitsPerSecond() {
            return units / seconds;
        }
    }

    /** Runs {@code work} for the warm-up, then measures it, on {@code threads} threads with {@code batch} items a call. */
    public Throughput measure(Workload work, int batch, int threads) throws Exception {
        run(work, batch, threads, warmUpSeconds);
        return run(work, batch, threads, seconds);
    }

    private Throughput run(Workload work, int batch, int threads, double duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Done>> workers = new ArrayList<>(threads);
            long started = System.nanoTime();
            long deadline = started + (long) (duration * 1e9);
            for (int t = 0; t < threads; t++) {
                int first = t * (itemCount / threads);
                workers.add(pool.submit(() -> {
                    long calls = 0;
                    long units = 0;
                    int at = first;
                    do { // at least one call, so that a rate is never 0 / 0
                        units += work.run(at, batch);
                        calls++;
                        at = (at + batch) % itemCount;
                    } while (System.nanoTime() < deadline);
                    return new Done(calls * batch, units);
                }));
            }
            long items = 0;
            long units = 0;
            for (Future<Done> worker : workers) {
                Done done = worker.get();
                items += done.items();
                units += done.units();
            }
            return new Throughput(items, units, (System.nanoTime() - started) / 1e9);
        } catch (ExecutionException e) { // the workload's own exception, as if it had run on this thread
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What one thread did. */
    private record Done(long items, long units) {
    }

    /** The process's peak resident set size from /proc/self/status, or "unknown" off Linux. */
    public static String peakRss() {
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
