package io.wenliu.models.discover;

import java.util.ArrayList;
import java.util.List;

/**
 * A maximal run of Han characters in a text: the only place where candidates are counted, so no
 * candidate spans punctuation, whitespace, digits or Latin letters.
 *
 * @param codePoints the run's characters
 * @param offsets    UTF-16 offset in the text of each character, plus one past the last
 */
record HanRun(int[] codePoints, int[] offsets) {

    int length() {
        return codePoints.length;
    }

    String substring(int from, int to) {
        return new String(codePoints, from, to - from);
    }

    /** The runs of {@code text}, in order. */
    static List<HanRun> of(String text) {
        List<HanRun> runs = new ArrayList<>();
        int[] cps = new int[text.length()];
        int[] offs = new int[text.length() + 1];
        int n = 0;
        int i = 0;
        while (i <= text.length()) {
            int cp = i < text.length() ? text.codePointAt(i) : -1;
            if (cp >= 0 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN && Character.isIdeographic(cp)) {
                cps[n] = cp;
                offs[n++] = i;
                i += Character.charCount(cp);
                continue;
            }
            if (n > 0) {
                int[] o = java.util.Arrays.copyOf(offs, n + 1);
                o[n] = i;
                runs.add(new HanRun(java.util.Arrays.copyOf(cps, n), o));
                n = 0;
            }
            i += cp < 0 ? 1 : Character.charCount(cp);
        }
        return runs;
    }
}
