package io.wenliu.app.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.Document;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The demo's bundled sample documents ({@code demo/samples.jsonl}, written for Wenliu): news, product
 * reviews, social posts with emoji, mixed Chinese and English, and bad inputs that must become dead
 * letters. Each line is a {@link DocumentLines} JSON object plus demo-only fields:
 * <ul>
 *   <li>{@code expect}: {@code enriched} (the default) or the dead-letter reason code expected;</li>
 *   <li>{@code expectTokens}: words that must come out whole when a segmenter is deployed (a URL, a
 *       mention, a hashtag, an emoji);</li>
 *   <li>{@code expectSentiment}: {@code POSITIVE} or {@code NEGATIVE}, checked when a sentiment model is deployed;</li>
 *   <li>{@code documentId}: the Document's id when it must differ from the record key {@code id};</li>
 *   <li>{@code repeat}: repeat {@code text} this many times (a text too long to write out);</li>
 *   <li>{@code encoding}: how the value is written: {@code avro} (default), {@code raw} (the text's
 *       UTF-8 bytes, not Avro), {@code unknown-schema} (a Document whose schema fingerprint no
 *       released version has), {@code truncated} (half of a valid value), {@code tombstone} (null).</li>
 * </ul>
 * Immutable.
 */
public final class DemoSamples {
    /** The expectation of a sample that must be enriched. */
    public static final String ENRICHED = "enriched";
    private static final String RESOURCE = "/demo/samples.jsonl";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One sample: the Kafka record to publish and what Wenliu should make of it. */
    public record Sample(String key, byte[] value, String expect, String source, String text, List<String> expectTokens,
                         String expectSentiment) {
        public boolean expectsEnriched() {
            return ENRICHED.equals(expect);
        }
    }

    private DemoSamples() {
    }

    /** The bundled samples, in file order. */
    public static List<Sample> load() {
        try (InputStream in = DemoSamples.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The demo samples " + RESOURCE + " are missing from the jar");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo samples " + RESOURCE, e);
        }
    }

    static List<Sample> read(BufferedReader reader) throws IOException {
        AvroSerde<Document> serde = AvroSerde.document();
        Instant now = Instant.now();
        List<Sample> samples = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                samples.add(toSample(MAPPER.readTree(line), serde, now));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new IllegalStateException("Bad demo sample on line " + number + ": " + e.getMessage(), e);
            }
        }
        return samples;
    }

    private static Sample toSample(JsonNode node, AvroSerde<Document> serde, Instant now) {
        String key = node.path("id").asText();
        String text = node.path("text").asText().repeat(Math.max(1, node.path("repeat").asInt(1)));
        Document parsed = DocumentLines.fromJson(node, key, null, now);
        Document document = Document.newBuilder(parsed).setText(text)
                .setId(node.hasNonNull("documentId") ? node.get("documentId").asText() : parsed.getId())
                .build();
        String encoding = node.path("encoding").asText("avro");
        byte[] value = switch (encoding) {
            case "avro" -> serde.toBytes(document);
            case "raw" -> text.getBytes(StandardCharsets.UTF_8);
            case "unknown-schema" -> withUnknownFingerprint(serde.toBytes(document));
            case "truncated" -> {
                byte[] bytes = serde.toBytes(document);
                yield Arrays.copyOf(bytes, bytes.length / 2);
            }
            case "tombstone" -> null;
            default -> throw new IllegalArgumentException("unknown encoding '" + encoding + "'");
        };
        List<String> tokens = new ArrayList<>();
        node.path("expectTokens").forEach(t -> tokens.add(t.asText()));
        String sentiment = node.hasNonNull("expectSentiment") ? node.get("expectSentiment").asText() : null;
        return new Sample(key, value, node.path("expect").asText(ENRICHED), document.getSource(), text,
                List.copyOf(tokens), sentiment);
    }

    /** Single-object encoding: 2 marker bytes, then the 8-byte schema fingerprint; flip the fingerprint. */
    private static byte[] withUnknownFingerprint(byte[] encoded) {
        byte[] bytes = encoded.clone();
        for (int i = 2; i < 10; i++) {
            bytes[i] = (byte) ~bytes[i];
        }
        return bytes;
    }
}
