package io.wenliu.topology.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.segment.UserDictionary;
import io.wenliu.serdes.avro.DictionaryAction;
import io.wenliu.serdes.avro.DictionaryEntry;
import io.wenliu.serdes.avro.DictionarySource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LiveDictionaryTest {
    private final AtomicReference<UserDictionary> seedFile =
            new AtomicReference<>(UserDictionary.parse(List.of("+区块链", "+张小凡"), "seed"));
    private final LiveDictionary live = new LiveDictionary(seedFile::get);

    @Test
    void shouldLayTopicEntriesOverTheSeed() {
        live.apply("张小凡", entry("张小凡", DictionaryAction.REMOVE, List.of()));
        live.apply("南京市长江大桥", entry("南京市长江大桥", DictionaryAction.SPLIT, List.of("南京市", "长江大桥")));

        assertThat(live.current().entries()).containsOnlyKeys("区块链", "南京市长江大桥")
                .containsEntry("南京市长江大桥", List.of("南京市", "长江大桥"));
    }

    @Test
    void shouldForgetATopicEntryOnATombstone() {
        live.apply("张小凡", entry("张小凡", DictionaryAction.REMOVE, List.of()));
        live.apply("张小凡", null);

        assertThat(live.current().entries()).containsOnlyKeys("区块链", "张小凡");
    }

    @Test
    void shouldNameEachDictionaryByItsEntries() {
        long seedOnly = live.snapshot().version();
        live.apply("周一仙", entry("周一仙", DictionaryAction.KEEP, List.of()));
        long withWord = live.snapshot().version();

        assertThat(seedOnly).isEqualTo(seedFile.get().fingerprint());
        assertThat(withWord).isNotEqualTo(seedOnly)
                .isEqualTo(seedFile.get().with(Map.of("周一仙", List.of("周一仙"))).fingerprint());
        assertThat(live.snapshot()).isSameAs(live.snapshot()); // rebuilt only on change
    }

    @Test
    void shouldFollowTheSeedWhenItsFileChanges() {
        live.apply("周一仙", entry("周一仙", DictionaryAction.KEEP, List.of()));
        seedFile.set(UserDictionary.parse(List.of("+燕虹"), "edited seed"));

        assertThat(live.current().entries()).containsOnlyKeys("燕虹", "周一仙");
    }

    private static DictionaryEntry entry(String word, DictionaryAction action, List<String> pieces) {
        return new DictionaryEntry(word, action, pieces, DictionarySource.OPERATOR, null, Instant.EPOCH);
    }
}
