package io.wenliu.models.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written everyday sentences of {@code text/everyday-mixed.txt}, each with the runs a reader
 * expects to stay whole (marked {@code ⟦…⟧} in the file), as UTF-16 ranges of the unmarked text.
 */
final class MarkedSentences {
    private static final String RESOURCE = "/text/everyday-mixed.txt";

    /** A sentence and its expected runs as {@code {start, end}}. */
    record Sentence(String text, List<int[]> spans) {
        String span(int k) {
            return text.substring(spans.get(k)[0], spans.get(k)[1]);
        }
    }

    private MarkedSentences() {
    }

    static List<Sentence> everydayMixed() {
        try (InputStream in = MarkedSentences.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            List<Sentence> sentences = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    sentences.add(parse(line.strip()));
                }
            }
            return sentences;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    private static Sentence parse(String marked) {
        StringBuilder text = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == '⟦') {
                start = text.length();
            } else if (c == '⟧') {
                spans.add(new int[] {start, text.length()});
            } else {
                text.append(c);
            }
        }
        return new Sentence(text.toString(), spans);
    }
}
