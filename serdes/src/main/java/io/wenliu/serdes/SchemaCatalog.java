package io.wenliu.serdes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every schema version Wenliu has released, looked up by the 64-bit fingerprint that Avro's
 * single-object encoding puts in front of each record. Records written with any released version
 * stay readable by newer code.
 *
 * <p>Released versions live as resources {@code io/wenliu/serdes/schemas/<Record>/v<N>.avsc}, listed
 * in {@code schemas/index.txt}; a released file is never edited, a change adds {@code v<N+1>}. A
 * registry-backed store can replace this class wherever a {@link SchemaStore} is taken.
 * Thread-safe; {@link #released()} is shared.
 */
public final class SchemaCatalog implements SchemaStore {
    private static final String ROOT = "/io/wenliu/serdes/schemas/";
    private static final SchemaCatalog RELEASED = new SchemaCatalog(loadReleased());

    private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();

    public SchemaCatalog(Collection<Schema> schemas) {
        schemas.forEach(this::add);
    }

    /** The schemas bundled with this build of Wenliu. */
    public static SchemaCatalog released() {
        return RELEASED;
    }

    /** Adds a schema (e.g. one read from a registry); adding a known schema again changes nothing. */
    public void add(Schema schema) {
        byFingerprint.putIfAbsent(fingerprint(schema), schema);
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    /** All known versions of the record with this full name, in no particular order. */
    public List<Schema> versionsOf(String fullName) {
        return byFingerprint.values().stream().filter(s -> s.getFullName().equals(fullName)).toList();
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The text of one released schema file, e.g. {@code Document/v1.avsc}. */
    static String releasedText(String path) {
        try (InputStream in = SchemaCatalog.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("Missing schema resource " + ROOT + path + "; is it listed in index.txt?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema resource " + ROOT + path, e);
        }
    }

    static List<String> releasedPaths() {
        return releasedText("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static List<Schema> loadReleased() {
        List<Schema> schemas = new ArrayList<>();
        for (String path : releasedPaths()) {
            schemas.add(new Schema.Parser().parse(releasedText(path)));
        }
        return schemas;
    }
}
