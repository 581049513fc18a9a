package io.wenliu.topology.validate;

import io.wenliu.serdes.avro.Document;
import io.wenliu.topology.deadletter.DeadLetterReason;
import java.nio.charset.StandardCharsets;

/**
 * Decides whether a decoded {@link Document} may go to the enrichment stages. Checks, in order:
 * <ol>
 *   <li>{@link DeadLetterReason#MISSING_ID}: the id is empty or blank;</li>
 *   <li>{@link DeadLetterReason#INVALID_ID}: the id is longer than {@code maxIdBytes} in UTF-8, or holds
 *       any control character (tab and line feed included), an unpaired surrogate, U+FFFD (what invalid
 *       UTF-8 decodes to) or a noncharacter: an id is a key, logged and joined on, never text;</li>
 *   <li>{@link DeadLetterReason#EMPTY_TEXT}: the text is empty or only whitespace and invisible format
 *       characters, where whitespace is anything {@link Character#isWhitespace} or
 *       {@link Character#isSpaceChar} accepts (so the ideographic space U+3000 and the no-break space
 *       count) and format characters are Unicode's {@code Cf} (zero-width space, joiners, BOM);</li>
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
    private final int maxIdBytes;

    /**
     * @param maxTextChars longest accepted text in UTF-16 code units ({@code String.length()})
     * @param maxIdBytes   longest accepted id in UTF-8 bytes
     */
    public DocumentValidator(int maxTextChars, int maxIdBytes) {
        if (maxTextChars < 1 || maxIdBytes < 1) {
            throw new IllegalArgumentException("maxTextChars and maxIdBytes must be at least 1, got " + maxTextChars
                    + " and " + maxIdBytes);
        }
        this.maxTextChars = maxTextChars;
        this.maxIdBytes = maxIdBytes;
    }

    public Validation validate(Document document) {
        String id = document.getId();
        if (id.isBlank()) {
            return reject(DeadLetterReason.MISSING_ID, "The document id is " + (id.isEmpty() ? "empty" : "blank")
                    + "; every document needs a unique id");
        }
        int idBytes = id.getBytes(StandardCharsets.UTF_8).length;
        if (idBytes > maxIdBytes) {
            return reject(DeadLetterReason.INVALID_ID, "The document id is " + idBytes + " UTF-8 bytes long; the "
                    + "limit is " + maxIdBytes + " (wenliu.id.max.bytes): use a shorter id, e.g. a hash of this one");
        }
        String invalidInId = firstInvalidCharacter(id, false);
        if (invalidInId != null) {
            return reject(DeadLetterReason.INVALID_ID, "The document id contains " + invalidInId
                    + "; ids may not hold control characters or invalid UTF-8");
        }
        String text = document.getText();
        if (isBlank(text)) {
            return reject(DeadLetterReason.EMPTY_TEXT, text.isEmpty() ? "The text is empty"
                    : "The text is only whitespace or invisible format characters (" + text.length()
                    + " UTF-16 code units)");
        }
        if (text.length() > maxTextChars) {
            return reject(DeadLetterReason.TEXT_TOO_LONG, "The text is " + text.length()
                    + " UTF-16 code units long; the limit (maxTextChars) is " + maxTextChars
                    + "; split the document or raise the limit");
        }
        String invalid = firstInvalidCharacter(text, true);
        if (invalid != null) {
            return reject(DeadLetterReason.INVALID_CHARACTERS, "The text contains " + invalid);
        }
        return new Validation.Accepted(document);
    }

    private static Validation reject(DeadLetterReason reason, String message) {
        return new Validation.Rejected(STAGE, reason, message, null);
    }

    private static boolean isBlank(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT);
    }

    /**
     * A description of the first invalid character and its offset, or null if there is none.
     *
     * @param allowLineBreaks whether tab, line feed and carriage return are allowed (in text, not in ids)
     */
    static String firstInvalidCharacter(String text, boolean allowLineBreaks) {
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
            if (Character.getType(codePoint) == Character.CONTROL
                    && !(allowLineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
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
