package io.wenliu.models.data;

import java.util.Map;

/**
 * How a NER corpus names its entity types, and which of them are MSRA's PER, LOC and ORG: so that a
 * model with MSRA's tag set can be scored on social media (Weibo), résumés or CLUENER, counting only
 * the entities both conventions name. A type with no MSRA counterpart is read as outside ({@code O}).
 */
public enum EntityTypes {
    /** MSRA's own types (or any corpus named so), as they are. */
    MSRA(null),
    /**
     * Weibo NER (Peng and Dredze): named mentions only ({@code .NAM}); a nominal mention ({@code .NOM},
     * "那个女孩") is no name; a geo-political entity is a place, as MSRA tags countries and cities.
     */
    WEIBO(Map.of("PER.NAM", "PER", "LOC.NAM", "LOC", "GPE.NAM", "LOC", "ORG.NAM", "ORG")),
    /** Resume NER: names, organisations, schools (MSRA tags them ORG), places and countries. */
    RESUME(Map.of("NAME", "PER", "ORG", "ORG", "EDU", "ORG", "LOC", "LOC", "CONT", "LOC")),
    /** CLUENER2020: persons, companies, organisations, government bodies, addresses and scenic spots. */
    CLUENER(Map.of("name", "PER", "company", "ORG", "organization", "ORG", "government", "ORG", "address", "LOC",
            "scene", "LOC"));

    private final Map<String, String> msraType;

    EntityTypes(Map<String, String> msraType) {
        this.msraType = msraType;
    }

    /** The BIO tag with its type renamed to MSRA's, or {@code O} when MSRA has no such type. */
    public String toMsra(String bioTag) {
        if (msraType == null || bioTag.length() < 3 || bioTag.charAt(1) != '-') {
            return bioTag;
        }
        String type = msraType.get(bioTag.substring(2));
        return type == null ? "O" : bioTag.substring(0, 2) + type;
    }
}
