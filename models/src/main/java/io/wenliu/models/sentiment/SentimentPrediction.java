package io.wenliu.models.sentiment;

/**
 * The sentiment of one document.
 *
 * @param positiveProbability the model's probability in [0, 1] that the document is positive
 * @param chunks              how many chunks the document was classified in (0 for a text with no
 *                            characters left after whitespace removal, whose probability is 0.5)
 */
public record SentimentPrediction(float positiveProbability, int chunks) {

    public SentimentPrediction {
        if (!(positiveProbability >= 0f && positiveProbability <= 1f)) {
            throw new IllegalArgumentException("positiveProbability must be in [0, 1], got " + positiveProbability);
        }
    }

    /**
     * The prediction of a document whose length-weighted mean chunk logit is {@code logit}: its probability is
     * the sigmoid of it; a document of no chunks gets 0.5 (no evidence either way).
     */
    public static SentimentPrediction ofLogit(double logit, int chunks) {
        return new SentimentPrediction(chunks == 0 ? 0.5f : (float) sigmoid(logit), chunks);
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** Positive when the probability is at least 0.5, as the {@code Sentiment} Avro record documents. */
    public boolean isPositive() {
        return positiveProbability >= 0.5f;
    }

    /** 1 for positive, 0 for negative: the corpora's and the CLI's label convention. */
    public int label() {
        return isPositive() ? 1 : 0;
    }
}
