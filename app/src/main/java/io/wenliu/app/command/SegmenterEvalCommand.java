package io.wenliu.app.command;

import io.wenliu.models.data.SegmentedCorpus;
import io.wenliu.models.segment.SegmentationScorer;
import io.wenliu.models.segment.Segmenter;
import io.wenliu.models.segment.Word;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu eval segmenter}: scores the deployed segmenter on gold segmented corpora with the
 * SIGHAN measures (word precision, recall, F1 by character spans; recall of out-of-vocabulary words).
 */
@Command(name = "segmenter", mixinStandardHelpOptions = true,
        description = "Word precision, recall, F1 and OOV recall of the deployed segmenter on gold files: *.wordtag.txt "
                + "(word/tag) or bakeoff style (space-separated words); default msra_ner/dev.wordtag.txt and sxu_cws/dev.txt.")
public final class SegmenterEvalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SegmenterOptions options;

    @Mixin
    private GoldFileOptions gold;

    @Option(names = "--words", description = "Word list for OOV recall, one word per line (e.g. "
            + "sighan2005_cws/msr_training_words.utf8). Default: the words of msra_ner/train.wordtag.txt, the segmenter's training data.")
    private Path words;

    @Override
    public Integer call() throws Exception {
        List<Path> files = gold.files(spec, "msra_ner/dev.wordtag.txt", "sxu_cws/dev.txt");
        Set<String> known = knownWords();
        PrintWriter out = spec.commandLine().getOut();
        try (Segmenter segmenter = Segmenter.open(options.settings())) {
            out.printf("Model %s (%s); OOV relative to %s (%d words)%n", segmenter.artifact().name(),
                    segmenter.artifact().directory(), words != null ? words : "msra_ner/train.wordtag.txt", known.size());
            out.printf("%-40s %9s %9s %9s %9s %9s %9s %9s %11s%n", "gold", "sentences", "words", "precision",
                    "recall", "F1", "OOV rate", "OOV rec.", "chars/s");
            for (Path file : files) {
                List<SegmentedCorpus.Sentence> sentences = SegmentedCorpus.read(file);
                List<String> texts = sentences.stream().map(SegmentedCorpus.Sentence::text).toList();
                long started = System.nanoTime();
                List<List<Word>> predicted = segmenter.segment(texts);
                double seconds = (System.nanoTime() - started) / 1e9;
                SegmentationScorer scorer = new SegmentationScorer(known);
                for (int i = 0; i < sentences.size(); i++) {
                    scorer.add(sentences.get(i).words(), predicted.get(i).stream().map(Word::text).toList());
                }
                SegmentationScorer.Score s = scorer.score();
                long chars = texts.stream().mapToLong(String::length).sum();
                out.printf(Locale.ROOT, "%-40s %9d %9d %9.4f %9.4f %9.4f %9.4f %9.4f %11.0f%n", file.toString(),
                        s.sentences(), s.goldWords(), s.precision(), s.recall(), s.f1(), s.oovRate(), s.oovRecall(),
                        chars / seconds);
            }
        }
        out.flush();
        return 0;
    }

    private Set<String> knownWords() {
        if (words != null) {
            return SegmentationScorer.readWordList(words);
        }
        Path train = gold.datasets().resolve("msra_ner/train.wordtag.txt");
        if (!Files.isRegularFile(train)) {
            throw new ParameterException(spec.commandLine(), "No training corpus " + train.toAbsolutePath()
                    + " for OOV recall; pass --words FILE or --datasets");
        }
        return SegmentedCorpus.read(train).stream().flatMap(s -> s.words().stream()).collect(Collectors.toSet());
    }
}
