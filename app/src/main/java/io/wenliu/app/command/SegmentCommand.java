package io.wenliu.app.command;

import io.wenliu.models.segment.Segmenter;
import io.wenliu.models.segment.Word;
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
import picocli.CommandLine.Spec;

/**
 * {@code wenliu segment}: segments text line by line in the SIGHAN bakeoff format. Each input line
 * gives exactly one output line holding its words separated by single spaces; every non-whitespace
 * character is kept, in order, and an empty line stays empty. Lines are segmented in batches.
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = "Segment UTF-8 text line by line: words separated by single spaces, one output line per input line.")
public final class SegmentCommand implements Callable<Integer> {
    /** Lines per segmenter call: enough to fill several model batches. */
    private static final int LINES_PER_CALL = 1024;

    @Spec
    private CommandSpec spec;

    @Mixin
    private SegmenterOptions model;

    @Option(names = "--input", description = "Read this UTF-8 file instead of standard input.")
    private Path input;

    @Option(names = "--output", description = "Write this UTF-8 file instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws Exception {
        try (Segmenter segmenter = Segmenter.open(model.settings());
             BufferedReader reader = input != null ? Files.newBufferedReader(input, StandardCharsets.UTF_8)
                     : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
             Writer writer = output != null ? Files.newBufferedWriter(output, StandardCharsets.UTF_8)
                     : new BufferedWriter(nonClosing(spec.commandLine().getOut()))) {
            List<String> lines = new ArrayList<>(LINES_PER_CALL);
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (lines.size() == LINES_PER_CALL) {
                    write(segmenter.segment(lines), writer);
                    lines.clear();
                }
            }
            write(segmenter.segment(lines), writer);
        }
        return 0;
    }

    private static void write(List<List<Word>> segmented, Writer writer) throws IOException {
        StringBuilder out = new StringBuilder();
        for (List<Word> words : segmented) {
            for (int i = 0; i < words.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                out.append(words.get(i).text());
            }
            out.append('\n');
        }
        writer.write(out.toString());
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
