package io.wenliu.models.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentNeighboursTest {
    private static float[] unit(double angle) {
        return new float[] {(float) Math.cos(angle), (float) Math.sin(angle)};
    }

    // two topics 0.1 rad apart inside each, the topics 1 rad apart; one stray document between them
    private final DocumentNeighbours neighbours = new DocumentNeighbours(
            List.of(unit(0), unit(0.1), unit(1.0), unit(1.1), unit(0.45)), List.of("a", "a", "b", "b", "a"));

    @Test
    void shouldFindTheNearestOtherDocument() {
        // the stray (0.45) is nearest to 0.1 (a): right; everyone else has a same-topic neighbour
        assertThat(neighbours.precisionAtOne()).isEqualTo(1.0);
    }

    @Test
    void shouldCountPairsAndTheirPrecisionAtAMinimumScore() {
        DocumentNeighbours.Links strict = neighbours.linksAt((float) Math.cos(0.15));
        assertThat(strict.pairs()).isEqualTo(2); // (0, 0.1) and (1.0, 1.1)
        assertThat(strict.precision()).isEqualTo(1.0);

        DocumentNeighbours.Links loose = neighbours.linksAt((float) Math.cos(0.7));
        // adds (0.1, 0.45), (0, 0.45) related and (0.45, 1.0), (0.45, 1.1) unrelated
        assertThat(loose.pairs()).isEqualTo(6);
        assertThat(loose.precision()).isCloseTo(4.0 / 6, within(1e-9));
    }

    @Test
    void shouldChooseTheLowestMinimumScoreThatKeepsThePrecision() {
        float minScore = neighbours.minScoreFor(1.0);
        assertThat(minScore).isCloseTo((float) Math.cos(0.45), within(0.001f)); // (0, 0.45): the weakest link above which all are related
        assertThat(neighbours.linksAt(minScore).precision()).isEqualTo(1.0);
    }
}
