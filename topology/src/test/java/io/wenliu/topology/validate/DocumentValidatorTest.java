package io.wenliu.topology.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.wenliu.topology.RecordLimits;
import io.wenliu.topology.deadletter.DeadLetterReason;
import io.wenliu.topology.testing.Documents;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentValidatorTest {
    private final DocumentValidator validator = new DocumentValidator(10, RecordLimits.DEFAULT_MAX_ID_BYTES);

    private Validation validate(String text) {
        return validator.validate(Documents.document("doc-1", text));
    }

    private Validation.Rejected rejected(String text) {
        Validation validation = validate(text);
        assertThat(validation).isInstanceOf(Validation.Rejected.class);
        return (Validation.Rejected) validation;
    }

    @ParameterizedTest
    @ValueSource(strings = {"今天天气很好", "我在Apple工作😀", "Привет", "سلام دنیا", "𠀀𠀁", "👩\u200D💻", "行一\n行二\r\n\t尾",
            "ＡＢＣ　全角", "0123456789"})
    void shouldAcceptAnyScriptEmojiAndOrdinaryWhitespace(String text) {
        assertThat(new DocumentValidator(100, RecordLimits.DEFAULT_MAX_ID_BYTES).validate(Documents.document("doc-1", text))).isInstanceOf(Validation.Accepted.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n\r", "\u3000", "\u00A0\u3000 ", "\u2003"})
    void shouldRejectEmptyOrBlankTextAsEmpty(String text) {
        assertThat(rejected(text).reason()).isEqualTo(DeadLetterReason.EMPTY_TEXT);
    }

    @Test
    void shouldCountTheLimitInUtf16CodeUnits() {
        assertThat(validate("一二三四五六七八九十")).isInstanceOf(Validation.Accepted.class);
        Validation.Rejected tooLong = rejected("一二三四五六七八九😀"); // 9 + 2 code units
        assertThat(tooLong.reason()).isEqualTo(DeadLetterReason.TEXT_TOO_LONG);
        assertThat(tooLong.message()).contains("11 UTF-16 code units", "limit (maxTextChars) is 10");
    }

    static Stream<Arguments> invalidTexts() {
        return Stream.of(
                arguments("lone high surrogate at the end", "你好\uD83D", "an unpaired high surrogate U+D83D at offset 2"),
                arguments("high surrogate before a letter", "\uD83Dx好", "an unpaired high surrogate U+D83D at offset 0"),
                arguments("lone low surrogate", "好\uDE00", "an unpaired low surrogate U+DE00 at offset 1"),
                arguments("NUL", "a\u0000b", "a control character U+0000 at offset 1"),
                arguments("bell after Chinese", "你好\u0007世界", "a control character U+0007 at offset 2"),
                arguments("DEL", "ab\u007F", "a control character U+007F at offset 2"),
                arguments("C1 next line", "好\u0085", "a control character U+0085 at offset 1"),
                arguments("replacement character", "好\uFFFD好", "the replacement character U+FFFD at offset 1"),
                arguments("noncharacter U+FDD0", "\uFDD0", "the noncharacter U+FDD0 at offset 0"),
                arguments("noncharacter U+FFFE", "好\uFFFE", "the noncharacter U+FFFE at offset 1"),
                arguments("noncharacter U+1FFFF", "😀\uD83F\uDFFF", "the noncharacter U+1FFFF at offset 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTexts")
    void shouldRejectInvalidCharactersNamingTheFirstAndItsOffset(String description, String text, String expected) {
        Validation.Rejected rejected = rejected(text);

        assertThat(rejected.reason()).as(description).isEqualTo(DeadLetterReason.INVALID_CHARACTERS);
        assertThat(rejected.message()).contains(expected);
        assertThat(rejected.stage()).isEqualTo(DocumentValidator.STAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "\u3000"})
    void shouldRejectABlankIdBeforeLookingAtTheText(String id) {
        Validation validation = validator.validate(Documents.document(id, ""));

        assertThat(validation).isInstanceOfSatisfying(Validation.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(DeadLetterReason.MISSING_ID));
    }

    @Test
    void shouldReportTheFirstOfSeveralInvalidCharacters() {
        assertThat(rejected("a\u0001b\u0002").message()).contains("U+0001 at offset 1").doesNotContain("U+0002");
    }
}
