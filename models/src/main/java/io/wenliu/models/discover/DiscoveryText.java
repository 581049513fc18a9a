package io.wenliu.models.discover;

import io.wenliu.models.segment.Word;
import java.util.List;
import java.util.Objects;

/**
 * One document for {@link WordDiscoverer}: its text and, where a segmenter ran, its words.
 *
 * @param text  the document's text
 * @param words the segmenter's words of {@code text} (offsets into it), or null when there is no segmenter;
 *              with words, candidates the segmenter already keeps whole are not reported
 */
public record DiscoveryText(String text, List<Word> words) {
    public DiscoveryText {
        Objects.requireNonNull(text, "text");
        words = words == null ? null : List.copyOf(words);
    }

    public static DiscoveryText unsegmented(String text) {
        return new DiscoveryText(text, null);
    }
}
