package io.wenliu.app.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.app.command.DemoSamples.Sample;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.Document;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DemoSamplesTest {
    private final List<Sample> samples = DemoSamples.load();
    private final AvroSerde<Document> serde = AvroSerde.document();

    @Test
    void shouldBundleAboutFiftyVariedSamplesWithUniqueKeys() {
        assertThat(samples).hasSizeBetween(45, 60);
        assertThat(samples.stream().map(Sample::key).collect(Collectors.toSet())).hasSize(samples.size());
        assertThat(samples.stream().map(Sample::source).collect(Collectors.toSet()))
                .contains("news", "shop", "weibo", "tech", "test");
        assertThat(samples.stream().filter(s -> !s.expectsEnriched()).map(Sample::expect).collect(Collectors.toSet()))
                .containsAll(Set.of("EMPTY_TEXT", "TEXT_TOO_LONG", "INVALID_CHARACTERS", "UNDESERIALIZABLE",
                        "UNKNOWN_SCHEMA", "TOMBSTONE", "MISSING_ID"));
    }

    @Test
    void shouldBundleATraditionalScriptReviewAndASocialPostWithEveryKindOfRun() {
        var byKey = samples.stream().collect(Collectors.toMap(Sample::key, Function.identity()));

        assertThat(byKey.get("review-11").text()).contains("這家餐廳");
        assertThat(byKey.get("review-11").expectSentiment()).isEqualTo("POSITIVE");
        assertThat(byKey.get("social-11").expectTokens())
                .contains("@美食小王", "😋", "https://t.cn/A6xYzQ", "#周末去哪儿#")
                .allSatisfy(token -> assertThat(byKey.get("social-11").text()).contains(token));
    }

    @Test
    void shouldEncodeGoodSamplesAsDocumentsKeyedById() {
        for (Sample sample : samples.stream().filter(Sample::expectsEnriched).toList()) {
            Document document = serde.fromBytes(sample.value());
            assertThat(document.getId()).isEqualTo(sample.key());
            assertThat(document.getText()).isNotBlank();
        }
    }

    @Test
    void shouldEncodeBadSamplesAsTheirNamesSay() {
        var byKey = samples.stream().collect(Collectors.toMap(Sample::key, Function.identity()));

        assertThat(byKey.get("bad-tombstone").value()).isNull();
        assertThat(serde.fromBytes(byKey.get("bad-too-long").value()).getText()).hasSizeGreaterThan(20_000);
        assertThat(serde.fromBytes(byKey.get("bad-blank-id").value()).getId()).isBlank();
        assertThat(serde.fromBytes(byKey.get("bad-control-characters").value()).getText()).contains("\u0007");
        for (String key : List.of("bad-not-avro", "bad-unknown-schema", "bad-truncated-avro")) {
            byte[] value = byKey.get(key).value();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> serde.fromBytes(value))
                    .as(key).isInstanceOf(SerializationException.class);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> serde.fromBytes(byKey.get("bad-unknown-schema").value()))
                .hasMessageContaining("Unknown schema");
    }
}
