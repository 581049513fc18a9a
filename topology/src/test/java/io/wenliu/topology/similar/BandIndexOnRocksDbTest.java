package io.wenliu.topology.similar;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.topology.testing.TestSettings;
import java.io.File;
import java.nio.file.Files;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The index over the production RocksDB store (on a {@link MockProcessorContext}, without changelog
 * or cache), reopened on the same state directory to play a new owner of the partition.
 */
class BandIndexOnRocksDbTest {
    private File stateDir;
    private KeyValueStore<Bytes, byte[]> store;

    @BeforeEach
    void createStateDir() throws Exception {
        stateDir = Files.createTempDirectory("wenliu-band-index").toFile();
    }

    @AfterEach
    void closeStore() {
        if (store != null && store.isOpen()) {
            store.close();
        }
    }

    private BandIndex openIndex() {
        MockProcessorContext<String, SimilarityMessage> context =
                new MockProcessorContext<>(TestSettings.streamsProperties(), new TaskId(1, 0), stateDir);
        store = SimilarityTopology.indexStore().withCachingDisabled().withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return new BandIndex(new IndexStore(store), 8, 3);
    }

    @Test
    void shouldAnswerAsTheInMemoryIndexDoesAcrossAChangeOfOwner() {
        BandIndex reference = new BandIndex(IndexStore.inMemory(), 8, 3);
        BandIndex onDisk = openIndex();
        RandomIndexStream stream = new RandomIndexStream(23L);

        for (int step = 0; step < 600; step++) {
            if (step % 150 == 149) {
                store.close(); // the instance dies; the next owner finds the store as it was
                onDisk = openIndex();
            }
            stream.next(onDisk, reference);
            BandProbe query = stream.query();
            assertThat(onDisk.lookUp(query, 5, -1f, 0.9f)).as("step %d", step)
                    .isEqualTo(reference.lookUp(query, 5, -1f, 0.9f));
            assertThat(onDisk.size()).isEqualTo(reference.size());
        }
    }
}
