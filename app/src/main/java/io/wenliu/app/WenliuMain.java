package io.wenliu.app;

import io.wenliu.app.command.BenchCommand;
import io.wenliu.app.command.ConsumeCommand;
import io.wenliu.app.command.DemoCommand;
import io.wenliu.app.command.DictionaryCommand;
import io.wenliu.app.command.DiscoverCommand;
import io.wenliu.app.command.EvalCommand;
import io.wenliu.app.command.ProduceCommand;
import io.wenliu.app.command.RunCommand;
import io.wenliu.app.command.SegmentCommand;
import io.wenliu.app.command.SentimentCommand;
import io.wenliu.app.command.TagCommand;
import io.wenliu.app.command.SimilarityCommand;
import io.wenliu.app.command.TrainCommand;
import io.wenliu.app.config.WenliuConfig;
import io.wenliu.models.runtime.TensorFlowRuntime;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wenliu} command line: one program for the service, its tools and its models. */
@Command(name = "wenliu", mixinStandardHelpOptions = true, version = "wenliu 0.1.0",
        description = "Wenliu (文流): streaming Chinese NLP on Kafka Streams.",
        subcommands = {RunCommand.class, DemoCommand.class, ProduceCommand.class, ConsumeCommand.class,
                SegmentCommand.class, SentimentCommand.class, TagCommand.class, SimilarityCommand.class,
                TrainCommand.class, EvalCommand.class, BenchCommand.class, DiscoverCommand.class,
                DictionaryCommand.class})
public final class WenliuMain {

    public static void main(String[] args) {
        TensorFlowRuntime.keepInfoLogsQuiet();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        // UTF-8 whatever the platform's default (Java 17 on a POSIX locale would print '?' for Chinese)
        CommandLine commandLine = new CommandLine(new WenliuMain()).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        CommandLine run = commandLine.getSubcommands().get("run");
        if (run != null) {
            run.getCommandSpec().usageMessage().footer(WenliuConfig.helpText());
        }
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            if (exception instanceof ConfigException) { // the message names the key and what is wrong
                command.getErr().println(command.getColorScheme().errorText("Configuration error: "
                        + exception.getMessage()));
                return 2;
            }
            throw exception;
        });
        return commandLine;
    }
}
