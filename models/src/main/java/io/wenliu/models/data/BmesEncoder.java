package io.wenliu.models.data;

import io.wenliu.models.text.CharNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns segmented sentences into character sequences tagged B (begin), M (middle), E (end) or
 * S (single-character word), the scheme of the segmenter. Whitespace inside words is dropped, as the
 * runtime never feeds whitespace to the model.
 */
public final class BmesEncoder {
    public static final List<String> LABELS = List.of("B", "M", "E", "S");
    public static final int B = 0;
    public static final int M = 1;
    public static final int E = 2;
    public static final int S = 3;

    private BmesEncoder() {
    }

    public static TaggedSequence encode(List<String> words) {
        List<Integer> chars = new ArrayList<>();
        List<Integer> tags = new ArrayList<>();
        for (String word : words) {
            int[] cps = word.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
                    .map(CharNormalizer::normalize).toArray();
            for (int i = 0; i < cps.length; i++) {
                chars.add(cps[i]);
                tags.add(cps.length == 1 ? S : i == 0 ? B : i == cps.length - 1 ? E : M);
            }
        }
        return new TaggedSequence(chars.stream().mapToInt(Integer::intValue).toArray(),
                tags.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The words spelled by code points and BMES tags (the inverse of {@link #encode}). */
    public static List<int[]> wordSpans(int[] tags) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < tags.length; i++) {
            boolean endsWord = tags[i] == E || tags[i] == S || i == tags.length - 1
                    || tags[i + 1] == B || tags[i + 1] == S;
            if (endsWord) {
                spans.add(new int[] {start, i + 1});
                start = i + 1;
            }
        }
        return spans;
    }
}
