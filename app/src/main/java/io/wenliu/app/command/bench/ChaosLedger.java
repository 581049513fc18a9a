package io.wenliu.app.command.bench;

import io.wenliu.app.runtime.PipelineOutput;
import io.wenliu.serdes.avro.DeadLetter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The exact count of the chaos harness: what each input record (by {@code topic-partition@offset})
 * must become, and what came out for it. Thread-safe: the producer's callbacks fill the expectations
 * while the consumer records outputs.
 */
final class ChaosLedger {
    /** The expected outcome of an input record that must be enriched. */
    static final String ENRICHED = "ENRICHED";

    private final Map<String, String> expected = new ConcurrentHashMap<>();
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final AtomicInteger duplicated = new AtomicInteger();
    private final AtomicInteger unexpected = new AtomicInteger();
    private final AtomicInteger failedSends = new AtomicInteger();

    /** The record at {@code source} must come out as {@link #ENRICHED} or a dead letter with that reason. */
    void expect(String source, String outcome) {
        expected.put(source, Objects.requireNonNull(outcome, "outcome"));
    }

    /** A send that failed: whether it reached the topic is unknown, so the run cannot vouch for it. */
    void sendFailed() {
        failedSends.incrementAndGet();
    }

    void record(PipelineOutput output) {
        String outcome = output instanceof PipelineOutput.DeadLettered dead
                ? ((DeadLetter) dead.record()).getReasonCode() : ENRICHED;
        if (output.source() == null) {
            unexpected.incrementAndGet();
        } else if (seen.putIfAbsent(output.source(), outcome) != null) {
            duplicated.incrementAndGet();
        }
    }

    /** Records acknowledged by the broker so far. */
    int expectedCount() {
        return expected.size();
    }

    /** Input records with at least one output so far. */
    int answeredCount() {
        return seen.size();
    }

    /** Whether every one of {@code sent} records has been acknowledged (or failed) and every acknowledged one answered. */
    boolean isComplete(int sent) {
        return expected.size() + failedSends.get() == sent && seen.keySet().containsAll(expected.keySet());
    }

    /**
     * The tally. A record without output is lost only if the application has committed its input
     * offset (it was consumed and must have come out); past the committed offset it is still waiting.
     *
     * @param committed the application's committed input offset per {@code topic-partition}
     */
    Tally tally(Map<String, Long> committed) {
        int lost = 0;
        int waiting = 0;
        int wrong = 0;
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            String outcome = seen.get(entry.getKey());
            if (outcome == null) {
                int at = entry.getKey().lastIndexOf('@');
                long offset = Long.parseLong(entry.getKey().substring(at + 1));
                if (offset < committed.getOrDefault(entry.getKey().substring(0, at), 0L)) {
                    lost++;
                } else {
                    waiting++;
                }
            } else if (!outcome.equals(entry.getValue())) {
                wrong++;
            }
        }
        int stray = (int) seen.keySet().stream().filter(source -> !expected.containsKey(source)).count();
        return new Tally(expected.size(), lost, waiting, duplicated.get(), wrong, stray + unexpected.get(),
                failedSends.get());
    }

    /**
     * @param records    input records whose offsets are known
     * @param lost       of those, records without any output although the application committed their offset
     * @param waiting    records without output not yet consumed by the application (the run timed out)
     * @param duplicated outputs beyond the first for one input record
     * @param wrong      records enriched that should have been dead-lettered, or with another reason
     * @param stray      outputs for no record of this run
     * @param failedSends sends whose fate is unknown
     */
    record Tally(int records, int lost, int waiting, int duplicated, int wrong, int stray, int failedSends) {
        boolean isExact() {
            return lost == 0 && waiting == 0 && duplicated == 0 && wrong == 0 && stray == 0 && failedSends == 0;
        }
    }
}
