package io.wenliu.models.segment;

/**
 * One word of a segmented text.
 *
 * @param text  the word exactly as written in the original text: {@code original.substring(start, end)}
 * @param start UTF-16 offset of its first character in the original text
 * @param end   UTF-16 offset just past its last character
 */
public record Word(String text, int start, int end) {
    public Word {
        if (start < 0 || end <= start || text.length() != end - start) {
            throw new IllegalArgumentException("Word '" + text + "' cannot span [" + start + ", " + end + ")");
        }
    }
}
