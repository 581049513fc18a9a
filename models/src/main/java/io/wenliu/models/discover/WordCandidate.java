package io.wenliu.models.discover;

/**
 * A string that looks like a word the segmenter does not know.
 *
 * @param word         the candidate (normalized characters)
 * @param score        {@code count × cohesion}: the nats saved by writing it as one word rather than as its weakest split
 * @param count        its occurrences in the text
 * @param cohesion     pointwise mutual information (nats) of its weakest split into two parts
 * @param leftEntropy  entropy (nats) of the characters before it
 * @param rightEntropy entropy (nats) of the characters after it
 */
public record WordCandidate(String word, double score, long count, double cohesion, double leftEntropy,
                            double rightEntropy) {
}
