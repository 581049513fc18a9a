package io.wenliu.models.text;

import io.wenliu.models.text.AtomicSpan.Kind;
import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Marks the atomic runs of a text ({@link AtomicSpan}): the stretches of Latin words, numbers, URLs,
 * e-mail addresses, mentions, hashtags and emoji that the models must treat as units. Characters
 * outside every run (Chinese, punctuation, whitespace) are left to the models.
 *
 * <p>The text is scanned left to right over {@link CharNormalizer}-folded code points (so full-width
 * {@code ｈｔｔｐｓ：／／} and {@code １２：３０} are recognised like their ASCII forms); at each position
 * the first rule that matches wins and the scan continues after its run:
 * <ol>
 *   <li>{@link Kind#EMOJI}: an emoji sequence ({@link EmojiSequence});</li>
 *   <li>{@link Kind#URL}: {@code http://}, {@code https://}, {@code ftp://} or {@code www.}, then ASCII
 *       URL characters; trailing {@code . , ; : ! ? '} and unbalanced closing brackets are left out;</li>
 *   <li>{@link Kind#EMAIL}: {@code [a-z0-9._%+-]+@label(.label)+}, the last label at least two letters;</li>
 *   <li>{@link Kind#MENTION}: {@code @} not after a letter or digit, then at most 30 letters (any
 *       script), digits, {@code _} or {@code -}; it ends at anything else, so {@code @小明 你好} names
 *       小明 but {@code @小明你好} names 小明你好, as Weibo reads it;</li>
 *   <li>{@link Kind#HASHTAG}: {@code #} up to the next {@code #} within 64 characters without
 *       whitespace (Weibo, {@code #双十一#}), else {@code #} not after a letter or digit followed by
 *       letters, digits and {@code _} including at least one letter ({@code #OpenSource});</li>
 *   <li>{@link Kind#WORD} or {@link Kind#NUMBER}: letters of an alphabetic script (Latin, Greek,
 *       Cyrillic, …; not Han, kana or Hangul) and digits, joined by {@code . - _} between letters or
 *       digits, {@code , : /} between digits and {@code ' ’ &} between letters; an optional leading
 *       currency sign, {@code +} or {@code -} before a digit (not after a letter or digit) and a trailing {@code %} or {@code ‰} after one. It
 *       is a NUMBER when it holds no letter.</li>
 * </ol>
 * Runs never contain whitespace, are in text order and never overlap. Stateless and thread-safe.
 */
public final class PreTokenizer {
    /** CJK Unified Ideographs and Extension A: no rule starts with one. */
    private static final int CJK_FIRST = 0x3400;
    private static final int CJK_LAST = 0x9FFF;
    private static final int MAX_MENTION = 30;
    private static final int MAX_WEIBO_HASHTAG = 64;
    private static final String[] URL_PREFIXES = {"http://", "https://", "ftp://", "www."};
    private static final String URL_PUNCTUATION = "-._~:/?#[]@!$&'()*+,;=%";
    private static final String URL_TRAILING = ".,;:!?'";
    private static final Set<UnicodeScript> NOT_SPACE_DELIMITED = Set.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA,
            UnicodeScript.KATAKANA, UnicodeScript.HANGUL, UnicodeScript.BOPOMOFO, UnicodeScript.YI, UnicodeScript.THAI,
            UnicodeScript.LAO, UnicodeScript.KHMER, UnicodeScript.MYANMAR, UnicodeScript.TIBETAN);

    private PreTokenizer() {
    }

    /** The atomic runs of {@code text}, in order, with UTF-16 offsets into it. */
    public static List<AtomicSpan> spans(String text) {
        int[] folded = CharNormalizer.normalizedCodePoints(text);
        List<int[]> runs = runs(folded);
        List<AtomicSpan> spans = new ArrayList<>(runs.size());
        int cp = 0;
        int offset = 0;
        for (int[] run : runs) {
            offset = text.offsetByCodePoints(offset, run[0] - cp);
            int end = text.offsetByCodePoints(offset, run[1] - run[0]);
            spans.add(new AtomicSpan(Kind.values()[run[2]], text.substring(offset, end), offset, end));
            cp = run[1];
            offset = end;
        }
        return spans;
    }

    /** The runs of folded code points as {@code {from, to, kind ordinal}} code point ranges. */
    static List<int[]> runs(int[] f) {
        List<int[]> runs = new ArrayList<>();
        int i = 0;
        while (i < f.length) {
            if (f[i] >= CJK_FIRST && f[i] <= CJK_LAST) {
                i++; // most of a Chinese text, and no run starts there
                continue;
            }
            int end;
            Kind kind;
            if ((end = EmojiSequence.end(f, i)) > 0) {
                kind = Kind.EMOJI;
            } else if ((end = url(f, i)) > 0) {
                kind = Kind.URL;
            } else if ((end = email(f, i)) > 0) {
                kind = Kind.EMAIL;
            } else if ((end = mention(f, i)) > 0) {
                kind = Kind.MENTION;
            } else if ((end = hashtag(f, i)) > 0) {
                kind = Kind.HASHTAG;
            } else if ((end = alphanumeric(f, i)) > 0) {
                kind = hasLetter(f, i, end) ? Kind.WORD : Kind.NUMBER;
            } else {
                i++;
                continue;
            }
            runs.add(new int[] {i, end, kind.ordinal()});
            i = end;
        }
        return runs;
    }

    private static int url(int[] f, int i) {
        if (i > 0 && isWordChar(f[i - 1])) {
            return -1;
        }
        for (String prefix : URL_PREFIXES) {
            if (startsWith(f, i, prefix)) {
                int end = i + prefix.length();
                int parens = 0;
                int brackets = 0;
                while (end < f.length && isUrlChar(f[end])) {
                    parens += f[end] == '(' ? 1 : f[end] == ')' ? -1 : 0;
                    brackets += f[end] == '[' ? 1 : f[end] == ']' ? -1 : 0;
                    end++;
                }
                while (end > i + prefix.length()) {
                    int last = f[end - 1];
                    boolean unbalanced = last == ')' && parens < 0 || last == ']' && brackets < 0;
                    if (URL_TRAILING.indexOf(last) < 0 && !unbalanced) {
                        break;
                    }
                    parens += last == ')' ? 1 : 0;
                    brackets += last == ']' ? 1 : 0;
                    end--;
                }
                return end > i + prefix.length() && isAsciiAlphanumeric(f[i + prefix.length()]) ? end : -1;
            }
        }
        return -1;
    }

    private static int email(int[] f, int i) {
        if (!isAsciiAlphanumeric(f[i]) || i > 0 && isLocalChar(f[i - 1])) {
            return -1;
        }
        int at = i;
        while (at < f.length && isLocalChar(f[at])) {
            at++;
        }
        if (at >= f.length || f[at] != '@') {
            return -1;
        }
        int end = at + 1;
        while (end < f.length && (isAsciiAlphanumeric(f[end]) || f[end] == '-' || f[end] == '.')) {
            end++;
        }
        while (end > at + 1 && (f[end - 1] == '.' || f[end - 1] == '-')) {
            end--;
        }
        int lastDot = -1;
        for (int k = at + 1; k < end; k++) {
            if (f[k] == '.') {
                if (k == at + 1 || f[k - 1] == '.') {
                    return -1; // an empty label
                }
                lastDot = k;
            }
        }
        if (lastDot < 0 || end - lastDot - 1 < 2) {
            return -1;
        }
        for (int k = lastDot + 1; k < end; k++) {
            if (!Character.isLetter(f[k])) {
                return -1;
            }
        }
        return end;
    }

    private static int mention(int[] f, int i) {
        if (f[i] != '@' || i > 0 && (isWordChar(f[i - 1]) || isLocalChar(f[i - 1]))) {
            return -1;
        }
        int end = i + 1;
        while (end < f.length && isNameChar(f[end])) {
            end++;
        }
        int length = end - i - 1;
        return length >= 1 && length <= MAX_MENTION && Character.isLetterOrDigit(f[i + 1]) ? end : -1;
    }

    private static int hashtag(int[] f, int i) {
        if (f[i] != '#') {
            return -1;
        }
        for (int k = i + 1; k < f.length && k <= i + MAX_WEIBO_HASHTAG; k++) {
            if (f[k] == '#') {
                if (k > i + 1) {
                    return k + 1;
                }
                break;
            }
            if (NormalizedText.isSpace(f[k]) || NormalizedText.isInvisible(f[k])) {
                break;
            }
        }
        if (i > 0 && isWordChar(f[i - 1])) {
            return -1; // C#
        }
        int end = i + 1;
        boolean letter = false;
        while (end < f.length && (Character.isLetterOrDigit(f[end]) || f[end] == '_')) {
            letter |= Character.isLetter(f[end]);
            end++;
        }
        return letter ? end : -1;
    }

    private static int alphanumeric(int[] f, int i) {
        int end = i;
        if ((isCurrency(f[i]) || f[i] == '+' || f[i] == '-') && i + 1 < f.length && Character.isDigit(f[i + 1])
                && (i == 0 || !isWordChar(f[i - 1]))) {
            end++;
        }
        if (!isWordChar(f[end])) {
            return -1;
        }
        while (end < f.length) {
            if (isWordChar(f[end]) || end > i && isMark(f[end])) {
                end++;
            } else if (end + 1 < f.length && joins(f[end - 1], f[end], f[end + 1])) {
                end += 2; // the joiner and the character after it, which isWordChar
            } else {
                break;
            }
        }
        if (end < f.length && (f[end] == '%' || f[end] == '‰') && Character.isDigit(f[end - 1])) {
            end++;
        }
        return end;
    }

    /** Whether {@code c} joins {@code before} and {@code after} inside one word or number. */
    private static boolean joins(int before, int c, int after) {
        switch (c) {
            case '.', '-', '_':
                return isWordChar(before) && isWordChar(after);
            case ',', ':', '/':
                return Character.isDigit(before) && Character.isDigit(after);
            case '\'', '’', '&':
                return isAlphabetic(before) && isAlphabetic(after);
            default:
                return false;
        }
    }

    private static boolean hasLetter(int[] f, int from, int to) {
        for (int k = from; k < to; k++) {
            if (Character.isLetter(f[k])) {
                return true;
            }
        }
        return false;
    }

    /** A letter of a script written with spaces between words, or a digit. */
    static boolean isWordChar(int c) {
        return Character.isDigit(c) || isAlphabetic(c);
    }

    private static boolean isAlphabetic(int c) {
        return Character.isLetter(c) && !NOT_SPACE_DELIMITED.contains(UnicodeScript.of(c));
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isNameChar(int c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private static boolean isLocalChar(int c) {
        return isAsciiAlphanumeric(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isAsciiAlphanumeric(int c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z';
    }

    private static boolean isUrlChar(int c) {
        return isAsciiAlphanumeric(c) || URL_PUNCTUATION.indexOf(c) >= 0;
    }

    private static boolean isCurrency(int c) {
        return Character.getType(c) == Character.CURRENCY_SYMBOL;
    }

    private static boolean startsWith(int[] f, int i, String prefix) {
        if (i + prefix.length() > f.length) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (f[i + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
