package io.wenliu.models.text;

/**
 * A run of characters that every model treats as one unit: it is never cut, and never glued to the
 * Chinese characters around it (numbers aside, see {@link Kind#NUMBER}).
 *
 * @param kind  what the run is
 * @param text  the run exactly as written: {@code original.substring(start, end)}
 * @param start UTF-16 offset of its first character in the original text
 * @param end   UTF-16 offset just past its last character
 */
public record AtomicSpan(Kind kind, String text, int start, int end) {
    public AtomicSpan {
        if (start < 0 || end <= start || text.length() != end - start) {
            throw new IllegalArgumentException("Span '" + text + "' cannot span [" + start + ", " + end + ")");
        }
    }

    /** What a run is; {@link PreTokenizer} documents how each is recognised. */
    public enum Kind {
        /** Letters of an alphabetic script, digits and letters mixed ({@code Kafka}, {@code iPhone15}, {@code COVID-19}, {@code don't}). */
        WORD,
        /**
         * Digits with inner {@code . , : - /}, an optional leading currency sign, {@code +} or {@code -} and a
         * trailing {@code %} ({@code 8,999}, {@code 3.5%}, {@code 12:30}, {@code 2024-12-04}, {@code ¥99}).
         * The only kind a model may glue to a neighbouring unit word ({@code 2024年}, {@code 8999元}),
         * as the MSR segmentation standard does.
         */
        NUMBER,
        /** {@code http://}, {@code https://}, {@code ftp://} or {@code www.} and what follows, up to a non-ASCII character or whitespace. */
        URL,
        /** {@code local@domain.tld}. */
        EMAIL,
        /** {@code @name} (Weibo, Twitter). */
        MENTION,
        /** {@code #topic#} (Weibo) or {@code #topic}. */
        HASHTAG,
        /** One emoji sequence: ZWJ sequences, presentation selectors, skin tones, flags, keycaps. */
        EMOJI;

        /** Whether a model may glue this run to a neighbouring word (only a number and its unit). */
        public boolean mayJoinNeighbours() {
            return this == NUMBER;
        }

        /** Whether the run is markup or a symbol, never part of a name: URL, e-mail, mention, hashtag, emoji. */
        public boolean isMarkup() {
            return this != WORD && this != NUMBER;
        }
    }
}
