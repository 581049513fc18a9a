package io.wenliu.models.segment;

import io.wenliu.models.text.NormalizedText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores a segmentation against gold words the way the SIGHAN bakeoff's {@code score} script does:
 * a predicted word is correct when a gold word has exactly the same character span; precision,
 * recall and F1 follow, and the recall of gold words missing from a training word list (OOV recall)
 * tells how the segmenter copes with words it never saw.
 *
 * <p>Spans count non-whitespace code points, so gold and predicted words of one sentence must spell
 * the same characters; whitespace is ignored. Reusable by any task that produces words (the joint
 * POS tagger, for example). Accumulates sentence by sentence; not thread-safe.
 */
public final class SegmentationScorer {
    private final Set<String> knownWords;
    private long goldWords;
    private long predictedWords;
    private long correct;
    private long oovWords;
    private long oovCorrect;
    private long sentences;

    /** @param knownWords the training vocabulary for OOV recall; empty when there is none */
    public SegmentationScorer(Set<String> knownWords) {
        this.knownWords = Set.copyOf(knownWords);
    }

    /** Reads a word list, one word per line (e.g. the bakeoff's {@code msr_training_words.utf8}). */
    public static Set<String> readWordList(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(w -> !w.isEmpty()).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the word list " + file, e);
        }
    }

    /**
     * Adds one sentence.
     *
     * @throws IllegalArgumentException when the two segmentations do not spell the same characters
     */
    public void add(List<String> gold, List<String> predicted) {
        String goldText = withoutSpace(String.join("", gold));
        String predictedText = withoutSpace(String.join("", predicted));
        if (!goldText.equals(predictedText)) {
            throw new IllegalArgumentException("Gold and predicted words spell different text: '" + goldText
                    + "' vs '" + predictedText + "'");
        }
        Set<Long> predictedSpans = new HashSet<>();
        long at = 0;
        for (String word : predicted) {
            int length = withoutSpace(word).codePointCount(0, withoutSpace(word).length());
            if (length > 0) {
                predictedSpans.add(at << 32 | (at + length));
                predictedWords++;
                at += length;
            }
        }
        at = 0;
        for (String word : gold) {
            String w = withoutSpace(word);
            int length = w.codePointCount(0, w.length());
            if (length == 0) {
                continue;
            }
            boolean hit = predictedSpans.contains(at << 32 | (at + length));
            goldWords++;
            correct += hit ? 1 : 0;
            if (!knownWords.isEmpty() && !knownWords.contains(w)) {
                oovWords++;
                oovCorrect += hit ? 1 : 0;
            }
            at += length;
        }
        sentences++;
    }

    private static String withoutSpace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !NormalizedText.isSpace(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** The figures so far. */
    public Score score() {
        return new Score(sentences, goldWords, predictedWords, correct, oovWords, oovCorrect);
    }

    /** Segmentation figures; ratios are 0 when their denominator is. */
    public record Score(long sentences, long goldWords, long predictedWords, long correct, long oovWords, long oovCorrect) {
        public double precision() {
            return predictedWords == 0 ? 0 : (double) correct / predictedWords;
        }

        public double recall() {
            return goldWords == 0 ? 0 : (double) correct / goldWords;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /** Recall of gold words absent from the word list; NaN without a word list or OOV words. */
        public double oovRecall() {
            return oovWords == 0 ? Double.NaN : (double) oovCorrect / oovWords;
        }

        /** Share of gold words absent from the word list. */
        public double oovRate() {
            return goldWords == 0 ? 0 : (double) oovWords / goldWords;
        }
    }
}
