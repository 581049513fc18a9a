package io.wenliu.app.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wenliu.serdes.avro.Document;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns lines of a file into {@link Document}s for {@code wenliu produce}: either plain text, one
 * document per line, or JSON lines, one object per line with the Document's fields ({@code id},
 * {@code text}, optional {@code source}, {@code language}, {@code eventTime} as ISO-8601 or epoch
 * milliseconds, and {@code attributes} as an object of strings). In {@link Format#auto} a line that
 * starts with '{' is JSON. Stateless and thread-safe.
 */
public final class DocumentLines {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How lines are read. */
    public enum Format { auto, text, json }

    private DocumentLines() {
    }

    /**
     * The document on {@code line}.
     *
     * @param defaultId     the id of a plain-text line, or of a JSON line without one
     * @param defaultSource the source when the line names none (may be null)
     * @throws IllegalArgumentException when a JSON line is malformed, saying what is wrong
     */
    public static Document parse(String line, Format format, String defaultId, String defaultSource, Instant now) {
        boolean json = switch (format) {
            case json -> true;
            case text -> false;
            case auto -> line.stripLeading().startsWith("{");
        };
        if (!json) {
            return Document.newBuilder().setId(defaultId).setText(line).setSource(defaultSource)
                    .setEventTime(now).build();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON object: " + e.getOriginalMessage());
        }
        return fromJson(node, defaultId, defaultSource, now);
    }

    /** The document a JSON object describes (see the class comment for its fields). */
    public static Document fromJson(JsonNode node, String defaultId, String defaultSource, Instant now) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("Expected a JSON object with at least \"text\"");
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("The JSON object has no string field \"text\"");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode attributeNode = node.get("attributes");
        if (attributeNode != null && !attributeNode.isNull()) {
            if (!attributeNode.isObject()) {
                throw new IllegalArgumentException("\"attributes\" must be an object of strings");
            }
            attributeNode.fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        }
        return Document.newBuilder()
                .setId(textOr(node, "id", defaultId))
                .setText(text.asText())
                .setSource(textOr(node, "source", defaultSource))
                .setLanguage(textOr(node, "language", null))
                .setEventTime(eventTime(node.get("eventTime"), now))
                .setAttributes(attributes)
                .build();
    }

    private static String textOr(JsonNode node, String field, String otherwise) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? otherwise : value.asText();
    }

    private static Instant eventTime(JsonNode value, Instant now) {
        if (value == null || value.isNull()) {
            return now;
        }
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"eventTime\" must be ISO-8601 (2025-01-31T08:00:00Z) or epoch "
                    + "milliseconds, got '" + value.asText() + "'");
        }
    }
}
