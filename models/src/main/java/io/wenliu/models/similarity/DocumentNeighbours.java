package io.wenliu.models.similarity;

import io.wenliu.models.vectors.UnitVectors;
import java.util.List;

/**
 * How well document embeddings find related documents, with a label (say, a review's product
 * category) standing for "related": every pair of documents is scored by cosine once, and the scores
 * of related and unrelated pairs are counted in fine bins, so that for any minimum score one can read
 * how many pairs would be reported as similar and what share of them is related. What "similar" should
 * mean for a model is then a measured minimum score ({@link #minScoreFor}), not a guess. Immutable
 * after construction.
 */
public final class DocumentNeighbours {
    private static final int BINS = 4_000; // cosine resolution 0.0005

    private final long[] related = new long[BINS];
    private final long[] unrelated = new long[BINS];
    private final int documents;
    private final int relatedNearest;

    /** What reporting every pair at or above a minimum score would give. */
    public record Links(float minScore, long pairs, double precision) {
    }

    /**
     * @param vectors unit embeddings, one per document
     * @param labels  one per document; documents with equal labels are related
     */
    public DocumentNeighbours(List<float[]> vectors, List<String> labels) {
        if (vectors.size() != labels.size() || vectors.size() < 2) {
            throw new IllegalArgumentException("need one label per vector and at least two documents, got "
                    + vectors.size() + " vectors and " + labels.size() + " labels");
        }
        this.documents = vectors.size();
        float[] best = new float[documents];
        int[] nearest = new int[documents];
        java.util.Arrays.fill(best, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < documents; i++) {
            for (int j = i + 1; j < documents; j++) {
                float score = UnitVectors.dot(vectors.get(i), vectors.get(j));
                (labels.get(i).equals(labels.get(j)) ? related : unrelated)[bin(score)]++;
                if (score > best[i]) {
                    best[i] = score;
                    nearest[i] = j;
                }
                if (score > best[j]) {
                    best[j] = score;
                    nearest[j] = i;
                }
            }
        }
        int hits = 0;
        for (int i = 0; i < documents; i++) {
            hits += labels.get(i).equals(labels.get(nearest[i])) ? 1 : 0;
        }
        this.relatedNearest = hits;
    }

    /** The share of documents whose nearest other document is related. */
    public double precisionAtOne() {
        return (double) relatedNearest / documents;
    }

    /** The pairs scoring at least {@code minScore} and the share of them that is related. */
    public Links linksAt(float minScore) {
        long r = 0;
        long u = 0;
        for (int b = bin(minScore); b < BINS; b++) {
            r += related[b];
            u += unrelated[b];
        }
        return new Links(minScore, r + u, r + u == 0 ? Double.NaN : (double) r / (r + u));
    }

    /**
     * The lowest minimum score, at the score of some pair, at which the pairs reported are related at
     * least {@code precision} of the time, or NaN when no score reaches it.
     */
    public float minScoreFor(double precision) {
        long r = 0;
        long u = 0;
        float lowest = Float.NaN;
        for (int b = BINS - 1; b >= 0; b--) {
            r += related[b];
            u += unrelated[b];
            if (related[b] + unrelated[b] > 0 && (double) r / (r + u) >= precision) { // at a pair's own score
                lowest = lowerEdge(b);
            }
        }
        return lowest;
    }

    private static int bin(float cosine) {
        return Math.max(0, Math.min(BINS - 1, (int) Math.floor((cosine + 1f) / 2f * BINS)));
    }

    private static float lowerEdge(int bin) {
        return bin * 2f / BINS - 1f;
    }
}
