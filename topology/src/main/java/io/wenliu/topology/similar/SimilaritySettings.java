package io.wenliu.topology.similar;

import io.wenliu.serdes.Topics;
import java.time.Duration;
import java.util.Objects;

/**
 * How the streaming similar-document index works. Built by the app from its configuration (tests
 * build it directly). Every instance of one application must use the same {@code bands},
 * {@code rowsPerBand}, {@code lshSeed} and {@code shards}, or their band keys do not meet. Immutable.
 *
 * @param bands                  LSH bands: each document is indexed and looked up under this many band keys
 * @param rowsPerBand            hyperplane bits per band key; more bits mean smaller buckets (faster,
 *                               lower recall), more bands mean higher recall (more work)
 * @param lshSeed                seed of the random hyperplanes
 * @param topK                   most similar earlier documents reported per document
 * @param minScore               earlier documents less similar than this are not reported
 * @param nearDuplicateThreshold cosine at or above which an earlier document is a near-duplicate
 * @param maxAge                 documents older than this (record time, against the partition's
 *                               stream time) leave the index
 * @param maxDocuments           most documents one index partition keeps; the oldest leave first
 * @param maxBucketSize          most documents one band bucket keeps; bounds the work per lookup
 * @param includeEmbedding       whether the enriched record carries the document's embedding
 * @param similarTopic           facet topic of {@code SimilarityLink}s
 * @param shards                 how many shards the band keys are spread over: a document sends one probe
 *                               record per shard its band keys fall in, and each shard is one partition's
 *                               share of the index, so this bounds both the records per document and how
 *                               many tasks share the index (best: the band topic's partition count)
 */
public record SimilaritySettings(int bands, int rowsPerBand, long lshSeed, int topK, float minScore,
                                 float nearDuplicateThreshold, Duration maxAge, int maxDocuments,
                                 int maxBucketSize, boolean includeEmbedding, String similarTopic, int shards) {
    /** The most bands: the merge step tracks which bands answered in one {@code long}. */
    public static final int MAX_BANDS = 64;
    /** The most bits per band: {@code RandomHyperplaneLsh} packs one band's bits into a {@code long}. */
    public static final int MAX_ROWS_PER_BAND = 62;

    public SimilaritySettings {
        if (bands < 1 || bands > MAX_BANDS) {
            throw new IllegalArgumentException("bands must be in [1, " + MAX_BANDS + "], got " + bands);
        }
        if (rowsPerBand < 1 || rowsPerBand > MAX_ROWS_PER_BAND) {
            throw new IllegalArgumentException("rowsPerBand must be in [1, " + MAX_ROWS_PER_BAND + "], got "
                    + rowsPerBand);
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1, got " + topK);
        }
        if (!(minScore >= -1f && minScore <= 1f) || !(nearDuplicateThreshold >= -1f && nearDuplicateThreshold <= 1f)) {
            throw new IllegalArgumentException("minScore and nearDuplicateThreshold must be cosines in [-1, 1], got "
                    + minScore + " and " + nearDuplicateThreshold);
        }
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
        }
        if (maxDocuments < 1 || maxBucketSize < 1) {
            throw new IllegalArgumentException("maxDocuments and maxBucketSize must be at least 1, got "
                    + maxDocuments + " and " + maxBucketSize);
        }
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, got " + shards);
        }
        if (similarTopic == null || similarTopic.isBlank()) {
            throw new IllegalArgumentException("similarTopic must be a topic name, got '" + similarTopic + "'");
        }
    }

    /**
     * 24 bands of 12 bits (recall@10 0.985 on a 100,000-document stream, see docs/BENCHMARKS.md),
     * top 10 at cosine ≥ 0.5, the given near-duplicate threshold, 7 days or 200,000 documents per
     * partition, buckets of at most 2,000, no embedding in the output, facet topic {@link Topics#SIMILAR},
     * 4 shards (as many as the 4 partitions Wenliu creates topics with by default).
     */
    public static SimilaritySettings defaults(float nearDuplicateThreshold) {
        return new SimilaritySettings(24, 12, 20_261_122L, 10, 0.5f, nearDuplicateThreshold, Duration.ofDays(7),
                200_000, 2_000, false, Topics.SIMILAR, 4);
    }

    /**
     * What a similarity model suggests: the lowest cosine at which an earlier document is reported as
     * similar, and the cosine at which it is a near-duplicate.
     */
    public record ModelScores(float minScore, float nearDuplicateThreshold) {
    }

    /** {@link #defaults(float)} with the model's suggested minimum score and near-duplicate threshold. */
    public static SimilaritySettings defaults(ModelScores scores) {
        SimilaritySettings defaults = defaults(scores.nearDuplicateThreshold());
        return defaults.withScores(defaults.topK(), scores.minScore(), scores.nearDuplicateThreshold());
    }

    public SimilaritySettings withIncludeEmbedding(boolean include) {
        return new SimilaritySettings(bands, rowsPerBand, lshSeed, topK, minScore, nearDuplicateThreshold, maxAge,
                maxDocuments, maxBucketSize, include, similarTopic, shards);
    }

    public SimilaritySettings withBanding(int newBands, int newRowsPerBand) {
        return new SimilaritySettings(newBands, newRowsPerBand, lshSeed, topK, minScore, nearDuplicateThreshold,
                maxAge, maxDocuments, maxBucketSize, includeEmbedding, similarTopic, shards);
    }

    public SimilaritySettings withScores(int newTopK, float newMinScore, float newNearDuplicateThreshold) {
        return new SimilaritySettings(bands, rowsPerBand, lshSeed, newTopK, newMinScore, newNearDuplicateThreshold,
                maxAge, maxDocuments, maxBucketSize, includeEmbedding, similarTopic, shards);
    }

    public SimilaritySettings withRetention(Duration newMaxAge, int newMaxDocuments, int newMaxBucketSize) {
        return new SimilaritySettings(bands, rowsPerBand, lshSeed, topK, minScore, nearDuplicateThreshold, newMaxAge,
                newMaxDocuments, newMaxBucketSize, includeEmbedding, similarTopic, shards);
    }

    public SimilaritySettings withSimilarTopic(String topic) {
        return new SimilaritySettings(bands, rowsPerBand, lshSeed, topK, minScore, nearDuplicateThreshold, maxAge,
                maxDocuments, maxBucketSize, includeEmbedding, topic, shards);
    }

    public SimilaritySettings withShards(int newShards) {
        return new SimilaritySettings(bands, rowsPerBand, lshSeed, topK, minScore, nearDuplicateThreshold, maxAge,
                maxDocuments, maxBucketSize, includeEmbedding, similarTopic, newShards);
    }
}
