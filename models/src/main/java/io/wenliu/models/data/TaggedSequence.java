package io.wenliu.models.data;

/**
 * One training example for a character tagger: normalized code points and one tag id per code point.
 * Whitespace is never part of a sequence.
 */
public record TaggedSequence(int[] codePoints, int[] tags) {
    public TaggedSequence {
        if (codePoints.length != tags.length) {
            throw new IllegalArgumentException(codePoints.length + " characters but " + tags.length + " tags");
        }
    }

    public int length() {
        return codePoints.length;
    }
}
