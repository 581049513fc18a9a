package io.wenliu.topology.validate;

import io.wenliu.serdes.avro.Document;
import io.wenliu.topology.deadletter.DeadLetterReason;

/**
 * Decides whether a decoded {@link Document} may go to the enrichment stages. Checks, in order:
 * <ol>
 *   <li>{@link DeadLetterReason#MISSING_ID}: the id is empty or blank;</li>
 *   <li>{@link DeadLetterReason#EMPTY_TEXT}: the text is empty or only whitespace, where whitespace is
 *       anything {@link Character#isWhitespace} or {@link Character#isSpaceChar} accepts (so the
 *       ideographic space U+3000 and the no-break space count);</li>
 *   <li>{@link DeadLetterReason#TEXT_TOO_LONG}: more than {@code maxTextChars} UTF-16 code units;</li>
 *   <li>{@link DeadLetterReason#INVALID_CHARACTERS}: an unpaired surrogate, a control character other
 *       than tab, line feed and carriage return, U+FFFD (what invalid UTF-8 decodes to), or a Unicode
 *       noncharacter (U+FDD0..U+FDEF, U+xxFFFE, U+xxFFFF). The message names the first one and its
 *       offset.</li>
 * </ol>
 * Any language is valid: Chinese, other scripts, emoji and mixed text all pass; the models decide
 * what they can use. Stateless and thread-safe.
 */
public final class DocumentValidator {
    /** The {@code DeadLetter.stage} of validation failures. */
    public static final String STAGE = "validate";

    private static final int REPLACEMENT_CHARACTER = 0xFFFD;

    private final int maxTextChars;

    /** @param maxTextChars longest accepted text in UTF-16 code units ({@code String.length()}) */
    public DocumentValidator(int maxTextChars) {
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("maxTextChars must be at least 1, got " + maxTextChars);
        }
        this.maxTextChars = maxTextChars;
    }

    public Validation validate(Document document) {
        String id = document.getId();
        if (id.isBlank()) {
            return reject(DeadLetterReason.MISSING_ID, "The document id is " + (id.isEmpty() ? "empty" : "blank")
                    + "; every document needs a unique id");
        }
        String text = document.getText();
        if (isBlank(text)) {
            return reject(DeadLetterReason.EMPTY_TEXT, text.isEmpty() ? "The text is empty"
                    : "The text is only whitespace (" + text.length() + " UTF-16 code units)");
        }
        if (text.length() > maxTextChars) {
            return reject(DeadLetterReason.TEXT_TOO_LONG, "The text is " + text.length()
                    + " UTF-16 code units long; the limit (maxTextChars) is " + maxTextChars
                    + "; split the document or raise the limit");
        }
        String invalid = firstInvalidCharacter(text);
        if (invalid != null) {
            return reject(DeadLetterReason.INVALID_CHARACTERS, "The text contains " + invalid);
        }
        return new Validation.Accepted(document);
    }

    private static Validation reject(DeadLetterReason reason, String message) {
        return new Validation.Rejected(STAGE, reason, message, null);
    }

    private static boolean isBlank(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    /** A description of the first invalid character and its offset, or null if there is none. */
    static String firstInvalidCharacter(String text) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return "an unpaired high surrogate " + hex(c) + " at offset " + i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return "an unpaired low surrogate " + hex(c) + " at offset " + i;
            }
            int codePoint = text.codePointAt(i);
            if (Character.getType(codePoint) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return "a control character " + hex(codePoint) + " at offset " + i;
            }
            if (codePoint == REPLACEMENT_CHARACTER) {
                return "the replacement character U+FFFD at offset " + i
                        + " (the producer probably sent bytes that are not valid UTF-8)";
            }
            if (isNoncharacter(codePoint)) {
                return "the noncharacter " + hex(codePoint) + " at offset " + i;
            }
            i += Character.charCount(codePoint);
        }
        return null;
    }

    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static String hex(int codePoint) {
        return String.format("U+%04X", codePoint);
    }
}
