package io.wenliu.topology.similar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index over the production RocksDB store, reopened on the same state directory to play a new owner. */
class BandIndexOnRocksDbTest {

    @Test
    void shouldAnswerAsTheInMemoryIndexDoesAcrossChangesOfOwner(@TempDir File stateDir) {
        BandIndex reference = new BandIndex(IndexStore.inMemory(), 8, 3);
        RandomIndexStream stream = new RandomIndexStream(23L);
        try (RocksDbIndexStores stores = new RocksDbIndexStores(stateDir)) {
            BandIndex onDisk = new BandIndex(stores.open(0), 8, 3);
            for (int step = 0; step < 600; step++) {
                if (step % 150 == 149) {
                    stores.close(); // the instance dies; the next owner finds the store as it was
                    onDisk = new BandIndex(stores.open(0), 8, 3);
                }
                stream.next(onDisk, reference);
                BandProbe query = stream.query();
                assertThat(onDisk.lookUp(query, 5, -1f, 0.9f)).as("step %d", step)
                        .isEqualTo(reference.lookUp(query, 5, -1f, 0.9f));
                assertThat(onDisk.size()).isEqualTo(reference.size());
            }
        }
    }
}
