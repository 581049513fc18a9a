package io.wenliu.models.sentiment;

import java.util.List;

/**
 * Scores whole documents, however long, for sentiment: the character networks through
 * {@link SentimentClassifier}, the fine-tuned BERT teacher through {@link BertSentimentClassifier}.
 */
public interface DocumentClassifier {

    /** One prediction per text, in order. */
    List<SentimentPrediction> classify(List<String> texts) throws Exception;
}
