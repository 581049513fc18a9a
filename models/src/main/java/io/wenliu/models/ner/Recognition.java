package io.wenliu.models.ner;

import io.wenliu.models.text.NormalizedText;
import java.util.List;

/**
 * What the entity recognizer found in one text: a BIO tag for every non-whitespace character and
 * the entities those tags spell.
 *
 * @param text     the text's characters as the model saw them, with their offsets in the original
 * @param tags     one valid BIO tag per position of {@code text} (a stray {@code I-X} already repaired to
 *                 {@code B-X}), so the tags and {@code entities} always agree
 * @param entities the entities in text order
 */
public record Recognition(NormalizedText text, List<String> tags, List<NamedEntity> entities) {
    public Recognition {
        if (tags.size() != text.length()) {
            throw new IllegalArgumentException(tags.size() + " tags for " + text.length() + " characters");
        }
        tags = List.copyOf(tags);
        entities = List.copyOf(entities);
    }
}
