package io.wenliu.models.pos;

/**
 * One word with its part of speech.
 *
 * @param text  the word exactly as written: {@code original.substring(start, end)}
 * @param start UTF-16 offset of its first character in the original text
 * @param end   UTF-16 offset just past its last character
 * @param pos   its part-of-speech tag (the model's tag set, UD UPOS for the bundled model)
 */
public record TaggedWord(String text, int start, int end, String pos) {
    public TaggedWord {
        if (start < 0 || end <= start || text.length() != end - start) {
            throw new IllegalArgumentException("Word '" + text + "' cannot span [" + start + ", " + end + ")");
        }
    }
}
