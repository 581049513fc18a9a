package io.wenliu.app.command;

import io.wenliu.models.discover.DiscoverySettings;
import io.wenliu.models.discover.DiscoveryText;
import io.wenliu.models.discover.WordCandidate;
import io.wenliu.models.discover.WordDiscoverer;
import io.wenliu.models.inference.StudentArtifact;
import io.wenliu.models.segment.Segmenter;
import io.wenliu.models.segment.Word;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu discover}: new-word discovery over a text file with the code the stream uses
 * ({@link WordDiscoverer}). Prints {@code word<TAB>score<TAB>count}, best first. When a segmenter
 * artifact is deployed, every line is segmented first and candidates it already keeps whole are left out.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Find words the segmenter does not know in UTF-8 text, one document per line.",
                "Prints word<TAB>score<TAB>count, best first; score = count x cohesion (nats saved by writing the word whole).",
                "Feed the top lines to the user dictionary as '+word' entries, or to 'wenliu dictionary add'."})
public final class DiscoverCommand implements Callable<Integer> {
    private static final int LINES_PER_CALL = 1024;

    @Spec
    private CommandSpec spec;

    @Mixin
    private SegmenterOptions segmenter;

    @Option(names = "--input", description = "Read this UTF-8 file instead of standard input.")
    private Path input;

    @Option(names = "--top", defaultValue = "1000", description = "Most candidates printed (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--max-length", defaultValue = "6", description = "Longest candidate in characters (default: ${DEFAULT-VALUE}).")
    private int maxLength;

    @Option(names = "--min-count", defaultValue = "3", description = "Fewest occurrences (default: ${DEFAULT-VALUE}).")
    private int minCount;

    @Option(names = "--no-segmenter", description = "Do not segment the text: report every cohesive, free string, "
            + "also those the segmenter already keeps whole.")
    private boolean noSegmenter;

    @Override
    public Integer call() throws Exception {
        List<String> lines = readLines();
        DiscoverySettings defaults = DiscoverySettings.defaults();
        WordDiscoverer discoverer = new WordDiscoverer(new DiscoverySettings(maxLength, minCount,
                defaults.minCohesion(), defaults.minEntropy(), top));
        List<WordCandidate> candidates = discoverer.discover(texts(lines));
        PrintWriter out = spec.commandLine().getOut();
        for (WordCandidate candidate : candidates) {
            out.printf(Locale.ROOT, "%s\t%.1f\t%d%n", candidate.word(), candidate.score(), candidate.count());
        }
        out.flush();
        return 0;
    }

    private List<String> readLines() throws java.io.IOException {
        try (BufferedReader reader = input != null ? Files.newBufferedReader(input, StandardCharsets.UTF_8)
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    /** The lines with the segmenter's words where a segmenter is deployed. */
    private List<DiscoveryText> texts(List<String> lines) throws Exception {
        boolean deployed = !noSegmenter && StudentArtifact.deployed(segmenter.settings().modelsDirectory(),
                Segmenter.MODEL).isPresent();
        List<DiscoveryText> texts = new ArrayList<>(lines.size());
        if (!deployed) {
            lines.forEach(line -> texts.add(DiscoveryText.unsegmented(line)));
            return texts;
        }
        try (Segmenter model = Segmenter.open(segmenter.settings())) {
            for (int from = 0; from < lines.size(); from += LINES_PER_CALL) {
                List<String> batch = lines.subList(from, Math.min(lines.size(), from + LINES_PER_CALL));
                List<List<Word>> words = model.segment(batch);
                for (int i = 0; i < batch.size(); i++) {
                    texts.add(new DiscoveryText(batch.get(i), words.get(i)));
                }
            }
        }
        return texts;
    }
}
