package io.wenliu.topology.similar;

import java.util.List;

/**
 * What the merge step has gathered for one document so far: the value of the
 * {@code similarity-pending} store, keyed by document id. Band answers may arrive before the
 * document itself.
 *
 * @param enrichedDocument the enriched document's bytes, or null until it arrives
 * @param expectedAnswers  how many band answers to wait for, or -1 until the document arrives
 * @param bandsAnswered    bit b set when band b has answered
 * @param neighbors        the best neighbours from the answers so far, best first, one per id
 * @param nearDuplicate    the earliest near-duplicate among the answers so far, or null
 * @param firstSeenMs      timestamp of the input record (every message for it carries it), or
 *                         {@link #UNKNOWN_TIME} for an entry written before Wenliu kept it
 */
public record PendingSimilarity(byte[] enrichedDocument, int expectedAnswers, long bandsAnswered,
                                List<Neighbor> neighbors, Neighbor nearDuplicate, long firstSeenMs) {
    /** {@link #firstSeenMs} of an entry whose age is not known. */
    public static final long UNKNOWN_TIME = -1L;

    public PendingSimilarity {
        neighbors = List.copyOf(neighbors);
    }

    static PendingSimilarity empty(long nowMs) {
        return new PendingSimilarity(null, -1, 0L, List.of(), null, nowMs);
    }

    PendingSimilarity seenAt(long nowMs) {
        return new PendingSimilarity(enrichedDocument, expectedAnswers, bandsAnswered, neighbors, nearDuplicate, nowMs);
    }

    boolean isComplete() {
        return enrichedDocument != null && Long.bitCount(bandsAnswered) >= expectedAnswers;
    }
}
