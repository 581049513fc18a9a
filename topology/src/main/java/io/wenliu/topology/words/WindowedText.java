package io.wenliu.topology.words;

import io.wenliu.models.discover.DiscoveryText;
import io.wenliu.models.segment.Word;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * A document's text and its words as the window store keeps them: {@code text NUL start,end;start,end...}.
 * Stateless.
 */
final class WindowedText {
    private static final char SEPARATOR = '\u0000'; // never in a valid document (invalid characters are dead-lettered)

    private WindowedText() {
    }

    static String encode(EnrichedDocument document) {
        StringBuilder out = new StringBuilder(document.getText().length() * 2).append(document.getText()).append(SEPARATOR);
        if (document.getTokens() != null) {
            for (Token token : document.getTokens()) {
                out.append(token.getStart()).append(',').append(token.getEnd()).append(';');
            }
        }
        return out.toString();
    }

    static DiscoveryText decode(String stored) {
        int separator = stored.lastIndexOf(SEPARATOR);
        String text = stored.substring(0, separator);
        if (separator == stored.length() - 1) {
            return DiscoveryText.unsegmented(text);
        }
        List<Word> words = new ArrayList<>();
        for (String span : stored.substring(separator + 1).split(";")) {
            int comma = span.indexOf(',');
            int start = Integer.parseInt(span, 0, comma, 10);
            int end = Integer.parseInt(span, comma + 1, span.length(), 10);
            words.add(new Word(text.substring(start, end), start, end));
        }
        return new DiscoveryText(text, words);
    }
}
