package io.wenliu.models.text;

import java.util.Arrays;

/**
 * Finds emoji sequences, the unit a reader sees as one emoji (UTS #51, section 1.4): a pictographic
 * character with its variation selector, skin-tone modifier or tag sequence, several of those joined
 * by ZERO WIDTH JOINER (👩‍💻, 👨‍👩‍👧), a pair of regional indicators (a flag, 🇨🇳), or a keycap
 * ({@code 1️⃣}, {@code #️⃣}).
 *
 * <p>Java 17 has no emoji properties ({@code Character.isEmoji} arrived in Java 21), so the
 * pictographic characters come from a compact range table: {@code Extended_Pictographic} of
 * Unicode's {@code emoji-data.txt} (Unicode 15.1), with the unassigned code points the property
 * reserves for future emoji. It includes text-default symbols such as ©, ™, ☆ and ♥, which the
 * models treat the same way (symbols, never part of a word or a name). Stateless and thread-safe.
 */
final class EmojiSequence {
    static final int ZWJ = 0x200D;
    static final int TEXT_PRESENTATION = 0xFE0E;
    static final int EMOJI_PRESENTATION = 0xFE0F;
    static final int COMBINING_KEYCAP = 0x20E3;

    /** Extended_Pictographic as sorted, inclusive {@code [first, last]} pairs. */
    private static final int[] PICTOGRAPHIC = {
        0x00A9, 0x00A9, 0x00AE, 0x00AE, 0x203C, 0x203C, 0x2049, 0x2049, 0x2122, 0x2122, 0x2139, 0x2139,
        0x2194, 0x2199, 0x21A9, 0x21AA, 0x231A, 0x231B, 0x2328, 0x2328, 0x2388, 0x2388, 0x23CF, 0x23CF,
        0x23E9, 0x23F3, 0x23F8, 0x23FA, 0x24C2, 0x24C2, 0x25AA, 0x25AB, 0x25B6, 0x25B6, 0x25C0, 0x25C0,
        0x25FB, 0x25FE, 0x2600, 0x2605, 0x2607, 0x2612, 0x2614, 0x2685, 0x2690, 0x2705, 0x2708, 0x2712,
        0x2714, 0x2714, 0x2716, 0x2716, 0x271D, 0x271D, 0x2721, 0x2721, 0x2728, 0x2728, 0x2733, 0x2734,
        0x2744, 0x2744, 0x2747, 0x2747, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757,
        0x2763, 0x2767, 0x2795, 0x2797, 0x27A1, 0x27A1, 0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2934, 0x2935,
        0x2B05, 0x2B07, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x3030, 0x3030, 0x303D, 0x303D,
        0x3297, 0x3297, 0x3299, 0x3299,
        0x1F000, 0x1F0FF, 0x1F10D, 0x1F10F, 0x1F12F, 0x1F12F, 0x1F16C, 0x1F171, 0x1F17E, 0x1F17F,
        0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F1AD, 0x1F1E5, 0x1F201, 0x1F20F, 0x1F21A, 0x1F21A,
        0x1F22F, 0x1F22F, 0x1F232, 0x1F23A, 0x1F23C, 0x1F23F, 0x1F249, 0x1F3FA, 0x1F400, 0x1F53D,
        0x1F546, 0x1F64F, 0x1F680, 0x1F6FF, 0x1F774, 0x1F77F, 0x1F7D5, 0x1F7FF, 0x1F80C, 0x1F80F,
        0x1F848, 0x1F84F, 0x1F85A, 0x1F85F, 0x1F888, 0x1F88F, 0x1F8AE, 0x1F8FF, 0x1F90C, 0x1F93A,
        0x1F93C, 0x1F945, 0x1F947, 0x1FAFF, 0x1FC00, 0x1FFFD,
    };

    private EmojiSequence() {
    }

    /** Whether {@code cp} is Extended_Pictographic. */
    static boolean isPictographic(int cp) {
        if (cp < PICTOGRAPHIC[0]) {
            return false;
        }
        int i = Arrays.binarySearch(PICTOGRAPHIC, cp);
        // an exact hit is a range bound; otherwise cp lies inside a range when the insertion point is odd
        return i >= 0 || (-i - 1) % 2 == 1;
    }

    static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    /** The five Fitzpatrick skin tones. */
    static boolean isModifier(int cp) {
        return cp >= 0x1F3FB && cp <= 0x1F3FF;
    }

    private static boolean isTag(int cp) {
        return cp >= 0xE0020 && cp <= 0xE007E;
    }

    private static boolean isCancelTag(int cp) {
        return cp == 0xE007F;
    }

    private static boolean isKeycapBase(int cp) {
        return cp >= '0' && cp <= '9' || cp == '#' || cp == '*';
    }

    /**
     * The end (exclusive, in code points) of the emoji sequence starting at {@code from}, or -1 when
     * none starts there.
     */
    static int end(int[] cps, int from) {
        int n = cps.length;
        int cp = cps[from];
        if (isKeycapBase(cp)) {
            int i = from + 1;
            if (i < n && cps[i] == EMOJI_PRESENTATION) {
                i++;
            }
            return i < n && cps[i] == COMBINING_KEYCAP ? i + 1 : -1;
        }
        if (isRegionalIndicator(cp)) {
            return from + 1 < n && isRegionalIndicator(cps[from + 1]) ? from + 2 : from + 1;
        }
        int end = element(cps, from);
        while (end > 0 && end + 1 < n && cps[end] == ZWJ) {
            int next = element(cps, end + 1);
            if (next < 0) {
                break; // a trailing joiner belongs to the text around, not to the emoji
            }
            end = next;
        }
        return end;
    }

    /** One pictograph or lone skin tone with what may follow it: a presentation selector, a skin tone, a tag sequence. */
    private static int element(int[] cps, int from) {
        int n = cps.length;
        if (!isPictographic(cps[from]) && !isModifier(cps[from])) {
            return -1;
        }
        int i = from + 1;
        if (i < n && (cps[i] == EMOJI_PRESENTATION || cps[i] == TEXT_PRESENTATION)) {
            i++;
        }
        if (i < n && isModifier(cps[i]) && !isModifier(cps[from])) {
            i++;
        }
        int tags = i;
        while (tags < n && isTag(cps[tags])) {
            tags++;
        }
        if (tags > i && tags < n && isCancelTag(cps[tags])) {
            i = tags + 1; // a subdivision flag such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿
        }
        return i;
    }
}
