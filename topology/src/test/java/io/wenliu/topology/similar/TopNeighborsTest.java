package io.wenliu.topology.similar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopNeighborsTest {
    @Test
    void shouldKeepTheSameBestKAsSortingEveryCandidate() {
        Random random = new Random(3);
        List<Neighbor> candidates = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) { // ties in score and timestamp too: the order must still be total
            candidates.add(new Neighbor("doc-" + random.nextInt(500), random.nextInt(50) / 50f, random.nextInt(20)));
        }
        TopNeighbors top = new TopNeighbors(10);
        for (Neighbor candidate : candidates) {
            if (top.admits(candidate.score())) {
                top.offer(candidate);
            }
        }

        List<Neighbor> sorted = new ArrayList<>(candidates);
        sorted.sort(Neighbor.BEST_FIRST);
        assertThat(top.best()).containsExactlyElementsOf(sorted.subList(0, 10));
    }

    @Test
    void shouldKeepFewerWhenFewerCome() {
        TopNeighbors top = new TopNeighbors(10);
        List<Neighbor> two = new ArrayList<>(List.of(new Neighbor("a", 0.5f, 1), new Neighbor("b", 0.9f, 2)));
        Collections.shuffle(two, new Random(1));
        two.forEach(top::offer);

        assertThat(top.best()).extracting(Neighbor::id).containsExactly("b", "a");
    }
}
