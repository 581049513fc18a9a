package io.wenliu.topology.similar;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The best {@code k} neighbours of a stream of candidates, in {@link Neighbor#BEST_FIRST} order,
 * kept in a heap of {@code k}: a full bucket of a few thousand candidates costs a comparison or two
 * each, not a sort of all of them (a flood of near-identical documents fills every bucket, and every
 * candidate then passes the minimum score). Not thread-safe.
 */
final class TopNeighbors {
    private final int k;
    private final PriorityQueue<Neighbor> worstFirst;

    TopNeighbors(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.k = k;
        this.worstFirst = new PriorityQueue<>(k + 1, Neighbor.BEST_FIRST.reversed());
    }

    void offer(Neighbor candidate) {
        if (worstFirst.size() < k) {
            worstFirst.add(candidate);
        } else if (Neighbor.BEST_FIRST.compare(candidate, worstFirst.peek()) < 0) {
            worstFirst.poll();
            worstFirst.add(candidate);
        }
    }

    /** Whether a candidate with this score could still enter: cheaper than building the neighbour. */
    boolean admits(float score) {
        return worstFirst.size() < k || score >= worstFirst.peek().score();
    }

    /** The neighbours kept, best first. */
    List<Neighbor> best() {
        List<Neighbor> best = new ArrayList<>(worstFirst);
        best.sort(Neighbor.BEST_FIRST);
        return best;
    }
}
