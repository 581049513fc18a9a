package io.wenliu.app.command;

import io.wenliu.models.data.CharTagCorpus;
import io.wenliu.models.data.EntityTypes;
import io.wenliu.models.data.ConllCorpus;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.ner.EntityRecognizer;
import io.wenliu.models.ner.Recognition;
import io.wenliu.models.pos.PosTagger;
import io.wenliu.models.pos.PosTagger.Decoding;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.segment.Word;
import io.wenliu.models.train.EntityEvaluator;
import io.wenliu.models.vocab.LabelSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The scoring behind {@code wenliu eval ner} and {@code wenliu eval pos}, through the same serving
 * code as the pipeline ({@link EntityRecognizer}, {@link PosTagger}).
 *
 * <ul>
 *   <li>NER, on BIO files ({@code msra_ner/dev.bio}): entity precision, recall and F1, micro-averaged
 *       and per type, where an entity counts only with exact type and span ({@link EntityEvaluator});
 *       and the mean confidence of right and of wrong entities, a check that the confidence means something;
 *       for Viterbi over valid BIO paths (as served) and over all paths (as the trainer scores its dev set).</li>
 *   <li>POS, on CoNLL-U files ({@code ud_chinese_pos/dev.conll}) with gold segmentation: the share of
 *       gold words tagged right, decoding constrained to the gold words (as the service does) and, for
 *       comparison, by majority vote over unconstrained tags (as the trainer scores its dev set).</li>
 * </ul>
 */
final class TaggerEvaluation {
    private TaggerEvaluation() {
    }

    static void ner(ModelSettings settings, List<Path> goldFiles, EntityTypes types, PrintWriter out) throws Exception {
        try (EntityRecognizer recognizer = EntityRecognizer.open(settings)) {
            LabelSet labels = recognizer.artifact().labels();
            out.printf("Model %s (%s)%n", recognizer.artifact().name(), recognizer.artifact().directory());
            for (Path file : goldFiles) {
                List<TaggedSequence> gold = CharTagCorpus.read(file, labels, types);
                List<String> texts = gold.stream().map(s -> new String(s.codePoints(), 0, s.length())).toList();
                long chars = texts.stream().mapToLong(String::length).sum();
                out.printf(Locale.ROOT, "%s: %d sentences%n", file, gold.size());
                for (EntityRecognizer.Decoding decoding : EntityRecognizer.Decoding.values()) {
                    long started = System.nanoTime();
                    List<Recognition> recognitions = recognizer.analyze(texts, decoding);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    report(labels, recognizer.types(), gold, recognitions, out, String.format(Locale.ROOT,
                            "%s decoding%s, %.0f chars/s", decoding.name().toLowerCase(Locale.ROOT),
                            decoding == EntityRecognizer.DEFAULT_DECODING ? " (as served)" : "", chars / seconds));
                }
            }
        }
        out.flush();
    }

    private static void report(LabelSet labels, List<String> types, List<TaggedSequence> gold,
                               List<Recognition> recognitions, PrintWriter out, String title) {
        List<int[]> predicted = new ArrayList<>(recognitions.size());
        double[] confidence = new double[2]; // sum over wrong, right
        long[] count = new long[2];
        for (int i = 0; i < recognitions.size(); i++) {
            Recognition r = recognitions.get(i);
            int[] tags = r.tags().stream().mapToInt(labels::id).toArray();
            predicted.add(tags);
            Set<EntityEvaluator.Span> goldSpans = new HashSet<>(EntityEvaluator.spans(gold.get(i).tags(), labels));
            List<EntityEvaluator.Span> spans = EntityEvaluator.spans(tags, labels);
            for (int k = 0; k < spans.size(); k++) {
                int right = goldSpans.contains(spans.get(k)) ? 1 : 0;
                confidence[right] += r.entities().get(k).confidence();
                count[right]++;
            }
        }
        Map<String, Double> metrics = new EntityEvaluator(labels).evaluate(gold, predicted);
        out.printf(Locale.ROOT, "  %s; %d gold entities%n", title, metrics.get("entities").longValue());
        out.printf(Locale.ROOT, "    %-6s %9s %9s %9s%n", "type", "precision", "recall", "F1");
        for (String type : types) {
            if (metrics.containsKey(type + ".f1")) {
                out.printf(Locale.ROOT, "    %-6s %9.4f %9.4f %9.4f%n", type, metrics.get(type + ".precision"),
                        metrics.get(type + ".recall"), metrics.get(type + ".f1"));
            }
        }
        out.printf(Locale.ROOT, "    %-6s %9.4f %9.4f %9.4f%n", "micro", metrics.get("precision"), metrics.get("recall"),
                metrics.get("f1"));
        out.printf(Locale.ROOT, "    mean confidence: right entities %.4f (%d), wrong entities %.4f (%d)%n",
                count[1] == 0 ? 0 : confidence[1] / count[1], count[1], count[0] == 0 ? 0 : confidence[0] / count[0],
                count[0]);
    }

    static void pos(ModelSettings settings, List<Path> goldFiles, PrintWriter out) throws Exception {
        try (PosTagger tagger = PosTagger.open(settings)) {
            out.printf("Model %s (%s), tag set %s%n", tagger.artifact().name(), tagger.artifact().directory(),
                    tagger.tagSet());
            for (Path file : goldFiles) {
                List<List<ConllCorpus.TaggedWord>> sentences = ConllCorpus.read(file);
                List<String> texts = new ArrayList<>(sentences.size());
                List<List<Word>> words = new ArrayList<>(sentences.size());
                for (List<ConllCorpus.TaggedWord> sentence : sentences) {
                    StringBuilder text = new StringBuilder();
                    List<Word> spans = new ArrayList<>(sentence.size());
                    for (ConllCorpus.TaggedWord w : sentence) {
                        spans.add(new Word(w.word(), text.length(), text.length() + w.word().length()));
                        text.append(w.word());
                    }
                    texts.add(text.toString());
                    words.add(spans);
                }
                long started = System.nanoTime();
                List<List<String>> constrained = tagger.tag(texts, words, Decoding.CONSTRAINED);
                double seconds = (System.nanoTime() - started) / 1e9;
                List<List<String>> majority = tagger.tag(texts, words, Decoding.MAJORITY);
                long total = 0;
                long rightConstrained = 0;
                long rightMajority = 0;
                for (int s = 0; s < sentences.size(); s++) {
                    for (int k = 0; k < sentences.get(s).size(); k++) {
                        String gold = sentences.get(s).get(k).pos();
                        total++;
                        rightConstrained += gold.equals(constrained.get(s).get(k)) ? 1 : 0;
                        rightMajority += gold.equals(majority.get(s).get(k)) ? 1 : 0;
                    }
                }
                long chars = texts.stream().mapToLong(String::length).sum();
                out.printf(Locale.ROOT, "%s: %d sentences, %d gold words, %.0f chars/s%n", file, sentences.size(), total,
                        chars / seconds);
                out.printf(Locale.ROOT, "  accuracy (gold segmentation, constrained decoding, as served): %.4f%n",
                        (double) rightConstrained / total);
                out.printf(Locale.ROOT, "  accuracy (gold segmentation, majority of free tags, the model alone): %.4f%n",
                        (double) rightMajority / total);
            }
        }
        out.flush();
    }
}
