package io.wenliu.app.command.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic benchmark documents: sentences of a word/tag corpus ({@code 词/tag 词/tag ...} per line,
 * as the MSRA files under shared/datasets) with the tags removed, joined in corpus order until a
 * length drawn uniformly from [min, max] characters is reached. Cycles through the corpus when more
 * documents are asked for than it holds. Stateless.
 */
final class BenchDocuments {
    private BenchDocuments() {
    }

    static List<String> fromWordTagFile(Path file, int count, int minChars, int maxChars, Random random)
            throws IOException {
        List<String> sentences = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                String sentence = stripTags(line);
                if (!sentence.isBlank()) {
                    sentences.add(sentence);
                }
            }
        }
        if (sentences.isEmpty()) {
            throw new IllegalStateException("No sentences in " + file);
        }
        List<String> documents = new ArrayList<>(count);
        int next = 0;
        for (int i = 0; i < count; i++) {
            int target = minChars + random.nextInt(maxChars - minChars + 1);
            StringBuilder document = new StringBuilder();
            while (document.length() < target) {
                document.append(sentences.get(next));
                next = (next + 1) % sentences.size();
            }
            documents.add(document.length() > maxChars ? cut(document, maxChars) : document.toString());
        }
        return documents;
    }

    /** "书籍/o 浩如烟海/o" → "书籍浩如烟海". */
    static String stripTags(String line) {
        StringBuilder text = new StringBuilder();
        for (String token : line.trim().split("\\s+")) {
            int slash = token.lastIndexOf('/');
            text.append(slash > 0 ? token.substring(0, slash) : token);
        }
        return text.toString();
    }

    /** The first {@code max} chars, not splitting a surrogate pair. */
    private static String cut(CharSequence text, int max) {
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.subSequence(0, end).toString();
    }
}
