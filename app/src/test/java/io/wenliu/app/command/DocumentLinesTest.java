package io.wenliu.app.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.app.command.DocumentLines.Format;
import io.wenliu.serdes.avro.Document;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentLinesTest {
    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");

    @Test
    void shouldReadAPlainLineAsTheWholeText() {
        Document document = DocumentLines.parse("  今天天气很好 {不是JSON}", Format.auto, "news-3", "feed", NOW);

        assertThat(document.getId()).isEqualTo("news-3");
        assertThat(document.getText()).isEqualTo("  今天天气很好 {不是JSON}");
        assertThat(document.getSource()).isEqualTo("feed");
        assertThat(document.getEventTime()).isEqualTo(NOW);
    }

    @Test
    void shouldReadEveryDocumentFieldFromJson() {
        Document document = DocumentLines.parse("{\"id\":\"d1\",\"text\":\"😀表情\",\"source\":\"weibo\","
                + "\"language\":\"zh-CN\",\"eventTime\":\"2024-12-31T16:00:00Z\",\"attributes\":{\"rating\":5}}",
                Format.auto, "unused", null, NOW);

        assertThat(document.getId()).isEqualTo("d1");
        assertThat(document.getText()).isEqualTo("😀表情");
        assertThat(document.getSource()).isEqualTo("weibo");
        assertThat(document.getLanguage()).isEqualTo("zh-CN");
        assertThat(document.getEventTime()).isEqualTo(Instant.parse("2024-12-31T16:00:00Z"));
        assertThat(document.getAttributes()).isEqualTo(Map.of("rating", "5"));
    }

    @Test
    void shouldDefaultTheIdAndAcceptEpochMillis() {
        Document document = DocumentLines.parse("{\"text\":\"文本\",\"eventTime\":1700000000000}", Format.json,
                "file-7", null, NOW);

        assertThat(document.getId()).isEqualTo("file-7");
        assertThat(document.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void shouldTakeJsonLookingLinesLiterallyInTextFormat() {
        assertThat(DocumentLines.parse("{\"text\":\"x\"}", Format.text, "t-1", null, NOW).getText())
                .isEqualTo("{\"text\":\"x\"}");
    }

    @Test
    void shouldExplainMalformedJson() {
        assertThatThrownBy(() -> DocumentLines.parse("{\"id\":\"d1\"}", Format.auto, "x", null, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"text\"");
        assertThatThrownBy(() -> DocumentLines.parse("{\"text\":", Format.auto, "x", null, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a JSON object");
        assertThatThrownBy(() -> DocumentLines.parse("{\"text\":\"a\",\"eventTime\":\"yesterday\"}", Format.auto,
                "x", null, NOW)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yesterday");
    }
}
