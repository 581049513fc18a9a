package io.wenliu.app.command.bench;

import io.wenliu.app.runtime.PipelineOutput;
import io.wenliu.serdes.avro.DeadLetter;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The exact count of the chaos harness: what each input record (by {@code topic-partition@offset}, as
 * read back from the input topic) must become, and what came out for it. The producer's acknowledgements
 * are only cross-checked: a send that failed (say, out of order after a broker restart) may or may not
 * have reached the topic, so the input topic, not the producer, says which records exist. Thread-safe:
 * the producer's callbacks run while the consumer records outputs.
 */
final class ChaosLedger {
    /** The expected outcome of an input record that must be enriched. */
    static final String ENRICHED = "ENRICHED";

    private final Map<String, String> expected = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final AtomicInteger duplicated = new AtomicInteger();
    private final AtomicInteger unexpected = new AtomicInteger();
    private final AtomicInteger failedSends = new AtomicInteger();
    private final AtomicReference<String> firstSendError = new AtomicReference<>();

    /** The record at {@code source} of the input topic must come out as {@link #ENRICHED} or a dead letter with that reason. */
    void expect(String source, String outcome) {
        expected.put(source, Objects.requireNonNull(outcome, "outcome"));
    }

    /** The broker acknowledged a send at {@code source}: the record must be in the input topic. */
    void acknowledged(String source) {
        acknowledged.add(source);
    }

    /** A send that failed: whether it reached the topic is unknown until the topic is read back. */
    void sendFailed(Exception error) {
        failedSends.incrementAndGet();
        firstSendError.compareAndSet(null, error.toString());
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

    /** Input records read back from the topic. */
    int expectedCount() {
        return expected.size();
    }

    /** Input records with at least one output so far. */
    int answeredCount() {
        return seen.size();
    }

    /** Whether every input record has been answered. */
    boolean isComplete() {
        return seen.keySet().containsAll(expected.keySet());
    }

    /**
     * The tally. A record without output past the application's committed input offset is still
     * waiting (not consumed yet). One before it was consumed: the application's internal topics and
     * stores may still hold it (similarity answers on their way), so it is lost only once the
     * application has nothing left to read, and in flight until then.
     *
     * @param committed the application's committed input offset per {@code topic-partition}
     * @param backlog   records the application has still to read, over all the topics it reads
     */
    Tally tally(Map<String, Long> committed, long backlog) {
        int lost = 0;
        int inFlight = 0;
        int waiting = 0;
        int wrong = 0;
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            String outcome = seen.get(entry.getKey());
            if (outcome == null) {
                int at = entry.getKey().lastIndexOf('@');
                long offset = Long.parseLong(entry.getKey().substring(at + 1));
                if (offset >= committed.getOrDefault(entry.getKey().substring(0, at), 0L)) {
                    waiting++;
                } else if (backlog > 0) {
                    inFlight++;
                } else {
                    lost++;
                }
            } else if (!outcome.equals(entry.getValue())) {
                wrong++;
            }
        }
        int stray = (int) seen.keySet().stream().filter(source -> !expected.containsKey(source)).count();
        int missingInput = (int) acknowledged.stream().filter(source -> !expected.containsKey(source)).count();
        return new Tally(expected.size(), lost, inFlight, waiting, duplicated.get(), wrong, stray + unexpected.get(),
                failedSends.get(), firstSendError.get(), missingInput);
    }

    /**
     * @param records        input records read back from the input topic
     * @param lost           records without any output although the application consumed them and has nothing left to read
     * @param inFlight       records without output that the application consumed while it still has a backlog (the run
     *                       timed out with records inside the pipeline)
     * @param waiting        records without output not yet consumed by the application (the run timed out)
     * @param duplicated     outputs beyond the first for one input record
     * @param wrong          records enriched that should have been dead-lettered, or with another reason
     * @param stray          outputs for no record of the input topic
     * @param failedSends    sends the producer reported failed (their records count if they reached the topic)
     * @param firstSendError the first of those failures, or null
     * @param missingInput   sends the broker acknowledged whose record is not in the input topic (the broker lost them)
     */
    record Tally(int records, int lost, int inFlight, int waiting, int duplicated, int wrong, int stray,
                 int failedSends, String firstSendError, int missingInput) {
        /** Every record of the input topic answered once, rightly; and the broker kept every acknowledged record. */
        boolean isExact() {
            return lost == 0 && inFlight == 0 && waiting == 0 && duplicated == 0 && wrong == 0 && stray == 0
                    && missingInput == 0;
        }
    }
}
