package io.wenliu.models.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Folds characters the models should not tell apart, one code point to one code point:
 * <ol>
 *   <li>full-width ASCII to half-width and the ideographic space to a space;</li>
 *   <li>compatibility forms to their plain character where Unicode's NFKC gives exactly one code
 *       point (① → 1, ﹐ → ',', half-width katakana, CJK compatibility ideographs, Kangxi radicals);
 *       never an emoji (ℹ stays ℹ);</li>
 *   <li>traditional Chinese to simplified, by OpenCC's character table {@code TSCharacters.txt}
 *       (Apache-2.0, read from the {@code com.github.houbb:opencc4j} jar): only entries from one
 *       character to one character, and where a character has several simplified candidates the
 *       table's first; Hong Kong variant forms ({@code HKVariants.txt}, e.g. 説, 稅) are folded
 *       through their standard traditional form. Characters the table maps to themselves (乾, 著)
 *       are kept, so simplified text is left as it is;</li>
 *   <li>letters to lower case.</li>
 * </ol>
 *
 * <p>Because each code point maps to exactly one, a normalized sequence lines up with the original one
 * position for position; reported offsets therefore always index the original text, and outputs
 * always show the original characters. The trainer and the runtime must use this same mapping: it is
 * part of every model artifact's contract. The tables are built once, on first use (about 70k
 * code points). Stateless and thread-safe.
 */
public final class CharNormalizer {
    private static final int FULLWIDTH_FIRST = 0xFF01; // ！
    private static final int FULLWIDTH_LAST = 0xFF5E;  // ～
    private static final int FULLWIDTH_OFFSET = 0xFF01 - 0x21;
    private static final int IDEOGRAPHIC_SPACE = 0x3000;

    private CharNormalizer() {
    }

    /** The normalized form of one code point. */
    public static int normalize(int codePoint) {
        if (codePoint >= 0 && codePoint < Tables.BMP.length) {
            return Tables.BMP[codePoint];
        }
        return Tables.SUPPLEMENTARY.getOrDefault(codePoint, codePoint);
    }

    /** Code points of {@code text}, each normalized; one element per code point of the input. */
    public static int[] normalizedCodePoints(CharSequence text) {
        return text.codePoints().map(CharNormalizer::normalize).toArray();
    }

    /** The folding of one code point, computed from the rules (the tables cache it). */
    private static int fold(int cp, Map<Integer, Integer> traditional) {
        int c = cp;
        if (c >= FULLWIDTH_FIRST && c <= FULLWIDTH_LAST) {
            c -= FULLWIDTH_OFFSET;
        } else if (c == IDEOGRAPHIC_SPACE) {
            c = ' ';
        } else {
            c = compatibility(c);
        }
        c = traditional.getOrDefault(c, c);
        return Character.toLowerCase(c);
    }

    /** The NFKC form of {@code cp} when it is a single code point, else {@code cp}. */
    private static int compatibility(int cp) {
        if (EmojiSequence.isPictographic(cp) || !Character.isDefined(cp)) {
            return cp;
        }
        String folded = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        return folded.codePointCount(0, folded.length()) == 1 ? folded.codePointAt(0) : cp;
    }

    /** Built on first use. */
    private static final class Tables {
        static final String TRADITIONAL = "/data/dictionary/TSCharacters.txt";
        static final String HONG_KONG = "/data/dictionary/HKVariants.txt";
        /** Supplementary planes that hold compatibility forms: mathematical letters, enclosed alphanumerics, CJK compatibility ideographs. */
        static final int[][] SUPPLEMENTARY_COMPATIBILITY = {{0x1D400, 0x1D7FF}, {0x1F100, 0x1F1FF}, {0x2F800, 0x2FA1F}};

        static final int[] BMP = new int[0x10000];
        static final Map<Integer, Integer> SUPPLEMENTARY = new HashMap<>();

        static {
            Map<Integer, Integer> traditional = traditionalToSimplified();
            for (int cp = 0; cp < BMP.length; cp++) {
                BMP[cp] = Character.isSurrogate((char) cp) ? cp : fold(cp, traditional);
            }
            for (int[] range : SUPPLEMENTARY_COMPATIBILITY) {
                for (int cp = range[0]; cp <= range[1]; cp++) {
                    putIfFolded(cp, traditional);
                }
            }
            for (int cp : traditional.keySet()) {
                if (cp > 0xFFFF) {
                    putIfFolded(cp, traditional);
                }
            }
        }

        private static void putIfFolded(int cp, Map<Integer, Integer> traditional) {
            int folded = fold(cp, traditional);
            if (folded != cp) {
                SUPPLEMENTARY.put(cp, folded);
            }
        }

        /** OpenCC's one-to-one traditional-to-simplified entries, with Hong Kong variants folded through them. */
        private static Map<Integer, Integer> traditionalToSimplified() {
            Map<Integer, Integer> map = new HashMap<>();
            readOneToOne(TRADITIONAL, (from, to) -> {
                if (!from.equals(to)) {
                    map.put(from, to);
                }
            });
            readOneToOne(HONG_KONG, (standard, hongKong) -> {
                Integer simplified = map.get(standard);
                if (simplified != null && !hongKong.equals(simplified)) {
                    map.putIfAbsent(hongKong, simplified); // 説 → (說) → 说
                }
            });
            return map;
        }

        /** Each line {@code key<TAB>candidate[ candidate…]} whose key and first candidate are one code point each. */
        private static void readOneToOne(String resource, BiConsumer<Integer, Integer> entry) {
            InputStream in = CharNormalizer.class.getResourceAsStream(resource);
            if (in == null) {
                throw new IllegalStateException("The OpenCC table " + resource + " is not on the class path; "
                        + "the com.github.houbb:opencc4j jar must be (see models/pom.xml)");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    int tab = line.indexOf('\t');
                    if (tab <= 0) {
                        continue;
                    }
                    String key = line.substring(0, tab);
                    String first = line.substring(tab + 1).strip().split(" ", 2)[0];
                    if (key.codePointCount(0, key.length()) == 1 && first.codePointCount(0, first.length()) == 1) {
                        entry.accept(key.codePointAt(0), first.codePointAt(0));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the OpenCC table " + resource, e);
            }
        }
    }
}
