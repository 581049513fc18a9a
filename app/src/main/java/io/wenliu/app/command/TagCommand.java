package io.wenliu.app.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wenliu.models.inference.StudentArtifact;
import io.wenliu.models.ner.EntityRecognizer;
import io.wenliu.models.ner.NamedEntity;
import io.wenliu.models.ner.Recognition;
import io.wenliu.models.pos.PosTagger;
import io.wenliu.models.pos.TaggedWord;
import io.wenliu.models.segment.Segmenter;
import io.wenliu.models.segment.Word;
import io.wenliu.models.text.NormalizedText;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu tag ner|pos}: tags text read one text per line, in batches.
 *
 * <p>Output formats:
 * <ul>
 *   <li>{@code json} (default): one JSON object per input line. For {@code ner}:
 *       {@code {"text": …, "entities": [{"type", "text", "start", "end", "confidence"}]}}; for {@code pos}:
 *       {@code {"text": …, "tokens": [{"text", "start", "end", "pos"}]}}. Offsets are UTF-16 indices into
 *       the line, end exclusive.</li>
 *   <li>{@code bio}: one {@code character<TAB>tag} line per non-whitespace character and an empty line
 *       after each input line, the layout of {@code msra_ner/*.bio}. For {@code ner} the tags are BIO
 *       ({@code B-PER}, {@code I-PER}, {@code O}, …); for {@code pos} they are {@code B-<UPOS>} on a word's
 *       first character and {@code I-<UPOS>} on the others.</li>
 * </ul>
 * {@code pos} tags the words of the segmenter when a segmenter artifact is deployed, else the words
 * the part-of-speech model finds itself ({@code --segmentation}).
 */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Tag UTF-8 text line by line with named entities (ner) or parts of speech (pos); JSON lines or BIO.")
public final class TagCommand implements Callable<Integer> {
    /** Lines per model call: enough to fill several model batches. */
    private static final int LINES_PER_CALL = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to tag. */
    public enum Task { ner, pos }

    /** How to write the result. */
    public enum Format { json, bio }

    /** Whose words {@code pos} tags. */
    public enum Segmentation {
        /** The segmenter's when its artifact is deployed, else the part-of-speech model's own. */
        auto,
        /** The segmenter's (its artifact must be deployed). */
        segmenter,
        /** The part-of-speech model's own word boundaries. */
        joint
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private SegmenterOptions model;

    @Parameters(index = "0", description = "What to tag: ${COMPLETION-CANDIDATES}.")
    private Task task;

    @Option(names = "--format", defaultValue = "json", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--segmentation", defaultValue = "auto",
            description = "For pos, whose words to tag: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Segmentation segmentation;

    @Option(names = "--input", description = "Read this UTF-8 file instead of standard input.")
    private Path input;

    @Option(names = "--output", description = "Write this UTF-8 file instead of standard output.")
    private Path output;

    /** One batch of lines in, their formatted output out. */
    private interface LineTagger extends AutoCloseable {
        String tag(List<String> lines) throws Exception;

        @Override
        void close();
    }

    @Override
    public Integer call() throws Exception {
        try (LineTagger tagger = task == Task.ner ? entities() : partsOfSpeech();
             BufferedReader reader = input != null ? Files.newBufferedReader(input, StandardCharsets.UTF_8)
                     : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
             Writer writer = output != null ? Files.newBufferedWriter(output, StandardCharsets.UTF_8)
                     : new BufferedWriter(nonClosing(spec.commandLine().getOut()))) {
            List<String> lines = new ArrayList<>(LINES_PER_CALL);
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (lines.size() == LINES_PER_CALL) {
                    writer.write(tagger.tag(lines));
                    lines.clear();
                }
            }
            if (!lines.isEmpty()) {
                writer.write(tagger.tag(lines));
            }
        }
        return 0;
    }

    private LineTagger entities() {
        EntityRecognizer recognizer = EntityRecognizer.open(model.settings());
        return new LineTagger() {
            @Override
            public String tag(List<String> lines) throws Exception {
                StringBuilder out = new StringBuilder();
                for (Recognition r : recognizer.analyze(lines)) {
                    if (format == Format.bio) {
                        appendBio(out, r.text(), r.tags());
                    } else {
                        out.append(entitiesJson(r.text().original(), r.entities())).append('\n');
                    }
                }
                return out.toString();
            }

            @Override
            public void close() {
                recognizer.close();
            }
        };
    }

    private LineTagger partsOfSpeech() {
        boolean haveSegmenter = StudentArtifact.deployed(model.settings().modelsDirectory(), Segmenter.MODEL).isPresent();
        boolean useSegmenter = switch (segmentation) {
            case auto -> haveSegmenter;
            case segmenter -> true;
            case joint -> false;
        };
        if (segmentation == Segmentation.auto && !haveSegmenter) {
            spec.commandLine().getErr().println("No segmenter under " + model.settings().modelsDirectory().toAbsolutePath()
                    + ": tagging the part-of-speech model's own words (--segmentation joint)");
        }
        Segmenter segmenter = useSegmenter ? Segmenter.open(model.settings()) : null;
        PosTagger tagger;
        try {
            tagger = PosTagger.open(model.settings());
        } catch (RuntimeException e) {
            if (segmenter != null) {
                segmenter.close();
            }
            throw e;
        }
        return new LineTagger() {
            @Override
            public String tag(List<String> lines) throws Exception {
                List<List<TaggedWord>> tagged;
                if (segmenter != null) {
                    List<List<Word>> words = segmenter.segment(lines);
                    List<List<String>> pos = tagger.tag(lines, words);
                    tagged = new ArrayList<>(lines.size());
                    for (int i = 0; i < lines.size(); i++) {
                        List<TaggedWord> line = new ArrayList<>();
                        for (int k = 0; k < words.get(i).size(); k++) {
                            Word w = words.get(i).get(k);
                            line.add(new TaggedWord(w.text(), w.start(), w.end(), pos.get(i).get(k)));
                        }
                        tagged.add(line);
                    }
                } else {
                    tagged = tagger.tagWords(lines);
                }
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < lines.size(); i++) {
                    if (format == Format.bio) {
                        appendBio(out, lines.get(i), tagged.get(i));
                    } else {
                        out.append(tokensJson(lines.get(i), tagged.get(i))).append('\n');
                    }
                }
                return out.toString();
            }

            @Override
            public void close() {
                try {
                    tagger.close();
                } finally {
                    if (segmenter != null) {
                        segmenter.close();
                    }
                }
            }
        };
    }

    static String entitiesJson(String text, List<NamedEntity> entities) throws IOException {
        ObjectNode line = JSON.createObjectNode().put("text", text);
        ArrayNode array = line.putArray("entities");
        for (NamedEntity e : entities) {
            array.addObject().put("type", e.type()).put("text", e.text()).put("start", e.start()).put("end", e.end())
                    .put("confidence", Math.round(e.confidence() * 10_000) / 10_000.0);
        }
        return JSON.writeValueAsString(line);
    }

    static String tokensJson(String text, List<TaggedWord> words) throws IOException {
        ObjectNode line = JSON.createObjectNode().put("text", text);
        ArrayNode array = line.putArray("tokens");
        for (TaggedWord w : words) {
            array.addObject().put("text", w.text()).put("start", w.start()).put("end", w.end()).put("pos", w.pos());
        }
        return JSON.writeValueAsString(line);
    }

    /** {@code char<TAB>tag} per position, then an empty line. */
    static void appendBio(StringBuilder out, NormalizedText text, List<String> tags) {
        for (int i = 0; i < text.length(); i++) {
            out.append(text.original(), text.start(i), text.end(i)).append('\t').append(tags.get(i)).append('\n');
        }
        out.append('\n');
    }

    /** {@code char<TAB>B-POS|I-POS} per non-whitespace character of the words, then an empty line. */
    static void appendBio(StringBuilder out, String line, List<TaggedWord> words) {
        for (TaggedWord w : words) {
            boolean first = true;
            for (int i = w.start(); i < w.end(); ) {
                int cp = line.codePointAt(i);
                int next = i + Character.charCount(cp);
                if (!NormalizedText.isSpace(cp)) {
                    out.append(line, i, next).append('\t').append(first ? "B-" : "I-").append(w.pos()).append('\n');
                    first = false;
                }
                i = next;
            }
        }
        out.append('\n');
    }

    /** Picocli's writer belongs to the command line, not to this command. */
    private static Writer nonClosing(PrintWriter commandLineOut) {
        return new FilterWriter(commandLineOut) {
            @Override
            public void close() {
                commandLineOut.flush();
            }
        };
    }
}
