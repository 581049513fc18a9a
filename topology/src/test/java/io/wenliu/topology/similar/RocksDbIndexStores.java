package io.wenliu.topology.similar;

import io.wenliu.topology.testing.TestSettings;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Index stores as the topology declares them, on RocksDB under one state directory, one per partition
 * (task), without changelog or record cache (a {@link MockProcessorContext} has neither). Owns the
 * stores it opens: {@link #close} closes them all, as a crash leaves them on disk.
 */
final class RocksDbIndexStores implements AutoCloseable {
    private final File stateDir;
    private final List<KeyValueStore<Bytes, byte[]>> opened = new ArrayList<>();

    RocksDbIndexStores(File stateDir) {
        this.stateDir = stateDir;
    }

    /** The store of {@code partition}, as its last owner left it. */
    IndexStore open(int partition) {
        MockProcessorContext<String, SimilarityMessage> context =
                new MockProcessorContext<>(TestSettings.streamsProperties(), new TaskId(1, partition),
                        new File(stateDir, "1_" + partition)); // the mock puts stores right under its directory
        KeyValueStore<Bytes, byte[]> store = SimilarityTopology.indexStore().withCachingDisabled().withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        opened.add(store);
        return new IndexStore(store);
    }

    @Override
    public void close() {
        for (KeyValueStore<Bytes, byte[]> store : opened) {
            if (store.isOpen()) {
                store.close();
            }
        }
        opened.clear();
    }
}
