package io.wenliu.app;

import io.wenliu.app.command.BenchCommand;
import io.wenliu.app.command.EvalCommand;
import io.wenliu.app.command.SegmentCommand;
import io.wenliu.app.command.SimilarityCommand;
import io.wenliu.app.command.TrainCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wenliu} command line: one program for the service, its tools and its models. */
@Command(name = "wenliu", mixinStandardHelpOptions = true, version = "wenliu 0.1.0",
        description = "Wenliu (文流): streaming Chinese NLP on Kafka Streams.",
        subcommands = {TrainCommand.class, SegmentCommand.class, EvalCommand.class, BenchCommand.class,
                SimilarityCommand.class})
public final class WenliuMain {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        // UTF-8 whatever the platform's default (Java 17 on a POSIX locale would print '?' for Chinese)
        return new CommandLine(new WenliuMain()).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    }
}
