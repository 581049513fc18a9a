package io.wenliu.topology.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.topology.StoreNames;
import io.wenliu.topology.deadletter.Provenance;
import io.wenliu.topology.testing.Documents;
import io.wenliu.topology.validate.ValidatedDocument;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchBufferTest {
    private KeyValueStore<String, ValidatedDocument> store;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.BATCH_BUFFER), Serdes.String(),
                new ValidatedDocumentSerde()).withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static ValidatedDocument document(int offset) {
        String id = "doc-" + offset;
        return new ValidatedDocument(Documents.document(id, "字"),
                new Provenance("wenliu.documents", 0, offset, 0L, null, Documents.bytes(id, "字")));
    }

    private static List<String> ids(List<ValidatedDocument> documents) {
        return documents.stream().map(d -> d.document().getId()).toList();
    }

    @Test
    void shouldDrainInArrivalOrderPastTenDocuments() {
        BatchBuffer buffer = new BatchBuffer(store);
        IntStream.range(0, 12).forEach(i -> buffer.append(document(i)));

        List<ValidatedDocument> drained = buffer.drain(100);

        assertThat(ids(drained)).containsExactlyElementsOf(IntStream.range(0, 12).mapToObj(i -> "doc-" + i).toList());
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void shouldDrainAtMostTheRequestedNumberOldestFirst() {
        BatchBuffer buffer = new BatchBuffer(store);
        IntStream.range(0, 5).forEach(i -> buffer.append(document(i)));

        assertThat(ids(buffer.drain(2))).containsExactly("doc-0", "doc-1");
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(ids(buffer.drain(2))).containsExactly("doc-2", "doc-3");
        assertThat(ids(buffer.drain(2))).containsExactly("doc-4");
        assertThat(buffer.drain(2)).isEmpty();
    }

    @Test
    void shouldCountRestoredDocumentsAndAppendAfterThem() {
        BatchBuffer before = new BatchBuffer(store);
        IntStream.range(0, 11).forEach(i -> before.append(document(i)));
        before.drain(1);

        BatchBuffer after = new BatchBuffer(store); // as a new task would open it after a restore
        after.append(document(11));

        assertThat(after.size()).isEqualTo(11);
        assertThat(ids(after.drain(100))).startsWith("doc-1", "doc-2").endsWith("doc-10", "doc-11");
    }
}
