package io.wenliu.models.discover;

/**
 * Grammatical characters (particles, prepositions, pronouns, numerals, common adverbs) that a new
 * word rarely begins or ends with: a candidate such as 了一 or 他的 is two words meeting, not a word.
 * Closed-class lists, so they do not depend on the domain.
 */
final class FunctionCharacters {
    private static final String COMMON = "的了着过是在和与及或也都就又还才很太更最不没被把将从向对为以于而之其这那此些个一"
            + "我你他她它吗呢吧啊呀么得有会要能让给到等";
    /** Also never the first character. */
    private static final String NOT_FIRST = COMMON + "们";
    /** Also never the last character: localizers and speech verbs that follow a word. */
    private static final String NOT_LAST = COMMON + "上下中里说道时";
    /** A word of its own between two others: 党|的|建设, 点|了|点头 are phrases. */
    private static final String LINKING = "的了着过是在和与把被将及或";

    private FunctionCharacters() {
    }

    static boolean cannotStart(String word) {
        return NOT_FIRST.indexOf(word.codePointAt(0)) >= 0;
    }

    static boolean cannotEnd(String word) {
        return NOT_LAST.indexOf(word.codePointBefore(word.length())) >= 0;
    }

    static boolean isLinking(String part) {
        return part.codePointCount(0, part.length()) == 1 && LINKING.indexOf(part.codePointAt(0)) >= 0;
    }
}
