package io.wenliu.topology.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.topology.NodeNames;
import io.wenliu.topology.StoreNames;
import io.wenliu.topology.batch.BatchBuffer;
import io.wenliu.topology.batch.BatchSettings;
import io.wenliu.topology.deadletter.Provenance;
import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import io.wenliu.topology.testing.Documents;
import io.wenliu.topology.testing.FakeStages;
import io.wenliu.topology.testing.TestSettings;
import io.wenliu.topology.validate.ValidatedDocument;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The processor on a {@link MockProcessorContext} over the production RocksDB store, reopened on
 * the same state directory to play a restart: the driver cannot restart on kept state.
 */
class BatchingEnrichmentProcessorTest {
    private static final BatchSettings BATCH = new BatchSettings(3, Duration.ofSeconds(1));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private File stateDir;
    private MockProcessorContext<String, EnrichedDocument> context;
    private KeyValueStore<String, ValidatedDocument> store;

    @BeforeEach
    void createStateDir() throws Exception {
        stateDir = Files.createTempDirectory("wenliu-processor").toFile();
    }

    @AfterEach
    void closeStore() {
        if (store != null && store.isOpen()) {
            store.close();
        }
    }

    /** A fresh context and store instance over {@link #stateDir}, as a restarted task gets them. */
    private void openTask() {
        context = new MockProcessorContext<>(TestSettings.streamsProperties(), new TaskId(0, 0), stateDir);
        context.setCurrentSystemTimeMs(Documents.EVENT_TIME.toEpochMilli());
        store = BatchBuffer.storeBuilder().withLoggingDisabled().build(); // the mock context has no changelog
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private static Record<String, ValidatedDocument> record(int offset) {
        String id = "doc-" + offset;
        ValidatedDocument document = new ValidatedDocument(Documents.document(id, "字"),
                new Provenance("wenliu.documents", 0, offset, 1000L + offset, null, Documents.bytes(id, "字")));
        return new Record<>(id, document, 1000L + offset);
    }

    private List<String> forwardedIds() {
        return context.forwarded().stream().map(forward -> (String) forward.record().key()).toList();
    }

    private void punctuate() {
        context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(context.currentSystemTimeMs()));
    }

    @Test
    void shouldFlushDocumentsLeftInTheStoreByACrashedInstance() {
        openTask();
        FakeStages.Factory tokenizer = FakeStages.characterTokenizer();
        BatchingEnrichmentProcessor crashed = new BatchingEnrichmentProcessor(List.of(tokenizer), BATCH, registry);
        crashed.init(context);
        crashed.process(record(0));
        crashed.process(record(1));
        assertThat(context.forwarded()).isEmpty();
        store.close(); // the process dies: the processor is never closed, only the store survives on disk

        openTask();
        BatchingEnrichmentProcessor restarted = new BatchingEnrichmentProcessor(List.of(tokenizer), BATCH, registry);
        restarted.init(context);
        assertThat(context.forwarded()).as("no forwarding from init").isEmpty();
        punctuate();

        assertThat(forwardedIds()).containsExactly("doc-0", "doc-1");
        assertThat(context.forwarded()).extracting(CapturedForward::childName)
                .containsOnly(Optional.of(NodeNames.ENRICHED_SINK));
        assertThat(context.forwarded().get(0).record().timestamp()).isEqualTo(1000L);
        assertThat(context.forwarded().get(0).record().value()).isInstanceOfSatisfying(EnrichedDocument.class,
                enriched -> assertThat(enriched.getTokens()).hasSize(1));
        assertThat(tokenizer.batchSizes()).containsExactly(2);
        assertThat(new BatchBuffer(store).isEmpty()).isTrue();
    }

    @Test
    void shouldScheduleAWallClockFlushEveryMaxWait() {
        openTask();
        new BatchingEnrichmentProcessor(List.of(FakeStages.characterTokenizer()), BATCH, registry).init(context);

        assertThat(context.scheduledPunctuators()).singleElement().satisfies(punctuator -> {
            assertThat(punctuator.getInterval()).isEqualTo(BATCH.maxWait());
            assertThat(punctuator.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
        });
    }

    @Test
    void shouldCloseItsStagesAndReopenThemOnTheNextInit() {
        openTask();
        FakeStages.Factory tokenizer = FakeStages.characterTokenizer();
        BatchingEnrichmentProcessor processor = new BatchingEnrichmentProcessor(List.of(tokenizer), BATCH, registry);

        processor.init(context);
        processor.close();
        processor.init(context);

        assertThat(tokenizer.openedStages()).isEqualTo(2);
        assertThat(tokenizer.closedStages()).isEqualTo(1);
    }

    @Test
    void shouldCloseTheStagesItOpenedWhenALaterFactoryFails() {
        openTask();
        FakeStages.Factory tokenizer = FakeStages.characterTokenizer();
        EnrichmentStageFactory broken = new EnrichmentStageFactory() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public EnrichmentStage newStage() {
                throw new IllegalStateException("model artifact unreadable");
            }

            @Override
            public void close() {
            }
        };
        BatchingEnrichmentProcessor processor =
                new BatchingEnrichmentProcessor(List.of(tokenizer, broken), BATCH, registry);

        assertThatThrownBy(() -> processor.init(context)).hasMessageContaining("model artifact unreadable");
        assertThat(tokenizer.closedStages()).isEqualTo(tokenizer.openedStages()).isEqualTo(1);
    }

    @Test
    void shouldFlushARestoredBufferLargerThanMaxSizeInBatchesOfMaxSize() {
        openTask();
        BatchBuffer buffer = new BatchBuffer(store);
        for (int i = 0; i < 7; i++) {
            buffer.append(record(i).value()); // e.g. restored after maxSize was lowered
        }
        FakeStages.Factory tokenizer = FakeStages.characterTokenizer();
        BatchingEnrichmentProcessor processor = new BatchingEnrichmentProcessor(List.of(tokenizer), BATCH, registry);
        processor.init(context);

        punctuate();

        assertThat(tokenizer.batchSizes()).containsExactly(3, 3, 1);
        assertThat(forwardedIds()).containsExactly("doc-0", "doc-1", "doc-2", "doc-3", "doc-4", "doc-5", "doc-6");
    }

}
