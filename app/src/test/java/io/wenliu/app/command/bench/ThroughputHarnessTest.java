package io.wenliu.app.command.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.app.command.bench.ThroughputHarness.Throughput;
import io.wenliu.app.command.bench.ThroughputHarness.Workload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThroughputHarnessTest {

    @Test
    void shouldRunTheWorkloadOnEveryThreadForTheMeasuredTimeAndCountWhatItDid() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicLong calls = new AtomicLong();
        Workload work = (from, count) -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            calls.incrementAndGet();
            Thread.sleep(10); // a call is nearly all of a thread's time, so the three overlap
            running.decrementAndGet();
            return 10L * count; // 10 units an item
        };

        Throughput done = new ThroughputHarness(100, 0, 0.2).measure(work, 4, 3);

        assertThat(mostAtOnce).hasValue(3);
        assertThat(done.seconds()).isBetween(0.2, 2.0);
        assertThat(done.items()).as("calls x batch, the warm-up's own call per thread left out")
                .isEqualTo(4 * (calls.get() - 3));
        assertThat(done.units()).isEqualTo(10 * done.items());
        assertThat(done.unitsPerSecond()).isCloseTo(done.units() / done.seconds(), within(1e-9));
        assertThat(done.itemsPerSecond()).isCloseTo(done.items() / done.seconds(), within(1e-9));
    }

    @Test
    void shouldStartEachThreadAtItsShareOfTheItemsAndStepABatchAtATimeWrappingAround() throws Exception {
        Map<String, List<Integer>> startsByThread = new ConcurrentHashMap<>();
        Workload work = (from, count) -> {
            startsByThread.computeIfAbsent(Thread.currentThread().getName(), t -> new ArrayList<>()).add(from);
            Thread.sleep(1);
            return count;
        };

        new ThroughputHarness(10, 0, 0.05).measure(work, 4, 2);

        assertThat(startsByThread.values()).extracting(starts -> starts.get(0)).containsOnly(0, 5);
        for (List<Integer> starts : startsByThread.values()) {
            for (int i = 1; i < starts.size(); i++) {
                assertThat(starts.get(i)).isEqualTo((starts.get(i - 1) + 4) % 10);
            }
        }
    }

    @Test
    void shouldNotCountTheWarmUp() throws Exception {
        AtomicLong items = new AtomicLong();
        Workload work = (from, count) -> {
            items.addAndGet(count);
            Thread.sleep(1);
            return count;
        };

        Throughput done = new ThroughputHarness(10, 0.05, 0.05).measure(work, 1, 1);

        assertThat(done.items()).isPositive().isLessThan(items.get());
    }

    @Test
    void shouldHandTextBatchesWrappingAroundAndCountTheirCharacters() throws Exception {
        List<List<String>> batches = new ArrayList<>();
        Workload work = ThroughputHarness.textBatches(List.of("ab", "cde", "f"), batches::add);

        assertThat(work.run(2, 3)).isEqualTo(6);
        assertThat(batches).containsExactly(List.of("f", "ab", "cde"));
    }

    @Test
    void shouldFailWithTheWorkloadsOwnException() {
        Workload broken = (from, count) -> {
            throw new IOException("model file truncated");
        };

        assertThatThrownBy(() -> new ThroughputHarness(10, 0, 0.05).measure(broken, 1, 2))
                .isInstanceOf(IOException.class).hasMessage("model file truncated");
    }

    @Test
    void shouldReadThePeakResidentSetSize() {
        assertThat(ThroughputHarness.peakRss()).matches("\\d+ kB|unknown.*");
    }
}
