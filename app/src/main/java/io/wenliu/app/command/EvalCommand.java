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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu eval segmenter}: scores the deployed segmenter on gold segmented corpora with the
 * SIGHAN measures (word precision, recall, F1 by character spans; recall of out-of-vocabulary words).
 * {@code wenliu eval ner|pos}: entity P/R/F1 and POS accuracy, see {@link TaggerEvaluation}.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score a deployed model on gold data (default: the dev splits of the shared datasets).",
        subcommands = {SentimentEvalCommand.class, SimilarityEvalCommand.class})
public final class EvalCommand implements Callable<Integer> {

    /** The models that can be scored. */
    public enum Model { segmenter, ner, pos }

    @Spec
    private CommandSpec spec;

    @Mixin
    private SegmenterOptions options;

    // optional so that subcommands (eval sentiment) parse; call() requires it
    @Parameters(index = "0", arity = "0..1", description = "What to score: ${COMPLETION-CANDIDATES}, or a subcommand.")
    private Model model;

    @Option(names = "--datasets", defaultValue = "${env:WENLIU_DATASETS_DIR:-../shared/datasets}",
            description = "Folder of the shared corpora (default: ${DEFAULT-VALUE}; env WENLIU_DATASETS_DIR).")
    private Path datasets;

    @Option(names = "--gold", description = "Gold files: for segmenter *.wordtag.txt (word/tag) or bakeoff style "
            + "(space-separated words), default msra_ner/dev.wordtag.txt and sxu_cws/dev.txt; for ner *.bio, default "
            + "msra_ner/dev.bio; for pos CoNLL-U, default ud_chinese_pos/dev.conll (under --datasets).")
    private List<Path> gold;

    @Option(names = "--words", description = "Word list for OOV recall, one word per line (e.g. "
            + "sighan2005_cws/msr_training_words.utf8). Default: the words of msra_ner/train.wordtag.txt, the segmenter's training data.")
    private Path words;

    @Override
    public Integer call() throws Exception {
        if (model == null) {
            throw new ParameterException(spec.commandLine(), "Say what to score: " + java.util.Arrays.toString(Model.values())
                    + " or one of the subcommands " + spec.subcommands().keySet());
        }
        List<Path> files = gold != null ? gold : switch (model) {
            case segmenter -> List.of(datasets.resolve("msra_ner/dev.wordtag.txt"), datasets.resolve("sxu_cws/dev.txt"));
            case ner -> List.of(datasets.resolve("msra_ner/dev.bio"));
            case pos -> List.of(datasets.resolve("ud_chinese_pos/dev.conll"));
        };
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "No gold file " + file.toAbsolutePath()
                        + "; pass --gold or --datasets (env WENLIU_DATASETS_DIR)");
            }
        }
        if (model == Model.ner) {
            TaggerEvaluation.ner(options.settings(), files, spec.commandLine().getOut());
            return 0;
        }
        if (model == Model.pos) {
            TaggerEvaluation.pos(options.settings(), files, spec.commandLine().getOut());
            return 0;
        }
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
        Path train = datasets.resolve("msra_ner/train.wordtag.txt");
        if (!Files.isRegularFile(train)) {
            throw new ParameterException(spec.commandLine(), "No training corpus " + train.toAbsolutePath()
                    + " for OOV recall; pass --words FILE or --datasets");
        }
        return SegmentedCorpus.read(train).stream().flatMap(s -> s.words().stream()).collect(Collectors.toSet());
    }
}
