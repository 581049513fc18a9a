package io.wenliu.models.ner;

/**
 * One named-entity mention found in a text.
 *
 * @param type       the entity type without BIO prefix: {@code PER}, {@code LOC}, {@code ORG} (or a domain model's types)
 * @param text       the mention exactly as written: {@code original.substring(start, end)}
 * @param start      UTF-16 offset of its first character in the original text
 * @param end        UTF-16 offset just past its last character
 * @param confidence the CRF's marginal probability, in [0, 1], that exactly this span carries this type
 */
public record NamedEntity(String type, String text, int start, int end, double confidence) {
    public NamedEntity {
        if (start < 0 || end <= start || text.length() != end - start) {
            throw new IllegalArgumentException("Entity '" + text + "' cannot span [" + start + ", " + end + ")");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("Confidence must be in [0, 1], got " + confidence);
        }
    }
}
