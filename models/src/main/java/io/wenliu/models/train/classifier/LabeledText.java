package io.wenliu.models.train.classifier;

import java.util.Objects;

/**
 * One labelled document of a classification corpus.
 *
 * @param corpus the corpus it was read from, e.g. {@code chnsenticorp}
 * @param label  the class id (sentiment: 1 positive, 0 negative)
 */
public record LabeledText(String corpus, String text, int label) {
    public LabeledText {
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(text, "text");
    }

    /** The text without any whitespace: the key under which corpora are deduplicated and compared. */
    public String key() {
        return text.replaceAll("[\\s\\u3000]+", "");
    }
}
