package io.wenliu.models.discover;

/**
 * The thresholds of {@link WordDiscoverer}. The defaults were chosen on validation text carved from
 * training data (the first 2,373 sentences of the Zhuxian novel's train split for an unseen domain,
 * the last 4,000 sentences of msra_ner's train split for in-domain news); see docs/DISCOVERY.md.
 *
 * @param maxLength         longest candidate in characters (n-grams are counted up to this length)
 * @param minCount          fewest occurrences of a candidate
 * @param minCohesion       least pointwise mutual information (nats) of a candidate's weakest split
 * @param minEntropy        least entropy (nats) of the characters on either side of a candidate
 * @param maxCandidates     most candidates returned, best first
 */
public record DiscoverySettings(int maxLength, int minCount, double minCohesion, double minEntropy, int maxCandidates) {

    public DiscoverySettings {
        if (maxLength < 2 || maxLength > 12) {
            throw new IllegalArgumentException("maxLength must be in [2, 12], was " + maxLength);
        }
        if (minCount < 2) {
            throw new IllegalArgumentException("minCount must be at least 2, was " + minCount);
        }
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be at least 1, was " + maxCandidates);
        }
    }

    /** Words of 2 to 6 characters seen at least 3 times, with cohesion and neighbour entropy of at least 1 nat. */
    public static DiscoverySettings defaults() {
        return new DiscoverySettings(6, 3, 1.0, 1.0, 1000);
    }

    public DiscoverySettings withMaxCandidates(int max) {
        return new DiscoverySettings(maxLength, minCount, minCohesion, minEntropy, max);
    }
}
