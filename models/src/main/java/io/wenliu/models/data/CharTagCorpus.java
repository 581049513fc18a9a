package io.wenliu.models.data;

import io.wenliu.models.text.CharNormalizer;
import io.wenliu.models.vocab.LabelSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads character-per-line tagged corpora ({@code msra_ner/*.bio}, {@code weibo_ner}, {@code resume_ner}):
 * {@code character<TAB or space>tag} lines, a blank line after each sentence; Weibo's character column
 * carries the character's place in its word ({@code 科0}), which is dropped. Whitespace characters
 * are skipped. BMES/BIOES entity tags (B-X, M-X, E-X, S-X) are folded to BIO, and entity types are
 * renamed by an {@link EntityTypes}. Stateless.
 */
public final class CharTagCorpus {

    private CharTagCorpus() {
    }

    /** Tagged sequences with tag ids from {@code labels}; a tag the label set lacks is an error. */
    public static List<TaggedSequence> read(Path file, LabelSet labels) {
        return read(file, labels, EntityTypes.MSRA);
    }

    /**
     * Tagged sequences with tag ids from {@code labels}, each entity type renamed by {@code types} (a type
     * it does not name is outside); a renamed tag the label set lacks is an error.
     */
    public static List<TaggedSequence> read(Path file, LabelSet labels, EntityTypes types) {
        List<TaggedSequence> out = new ArrayList<>();
        List<Integer> chars = new ArrayList<>();
        List<Integer> tags = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    flush(chars, tags, out);
                    continue;
                }
                String[] cols = line.strip().split("[\\t ]+");
                if (cols.length < 2 || !isCharacter(cols[0])) {
                    throw new IllegalArgumentException(file + ":" + number + ": expected 'character<TAB>tag', got '" + line + "'");
                }
                int cp = cols[0].codePointAt(0);
                if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                    continue;
                }
                chars.add(CharNormalizer.normalize(cp));
                tags.add(labels.id(types.toMsra(toBio(cols[cols.length - 1]))));
            }
            flush(chars, tags, out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read corpus " + file, e);
        }
    }

    /**
     * One code point, perhaps followed by its place in its word (Weibo's {@code 科0}); Weibo's release
     * also has emoji mangled into two replacement characters, read as one.
     */
    private static boolean isCharacter(String column) {
        String character = column.replaceFirst("\\d+$", "");
        return character.codePointCount(0, character.length()) == 1 || character.chars().allMatch(c -> c == 0xFFFD);
    }

    /** B-X/I-X/O stay; M-X and E-X become I-X; S-X becomes B-X. */
    static String toBio(String tag) {
        if (tag.length() > 2 && tag.charAt(1) == '-') {
            String type = tag.substring(2);
            return switch (tag.charAt(0)) {
                case 'B', 'S' -> "B-" + type;
                case 'I', 'M', 'E' -> "I-" + type;
                default -> tag;
            };
        }
        return tag;
    }

    private static void flush(List<Integer> chars, List<Integer> tags, List<TaggedSequence> out) {
        if (!chars.isEmpty()) {
            out.add(new TaggedSequence(chars.stream().mapToInt(Integer::intValue).toArray(),
                    tags.stream().mapToInt(Integer::intValue).toArray()));
            chars.clear();
            tags.clear();
        }
    }
}
