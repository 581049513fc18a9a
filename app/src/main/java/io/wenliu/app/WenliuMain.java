package io.wenliu.app;

import io.wenliu.app.command.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wenliu} command line: one program for the service, its tools and its models. */
@Command(name = "wenliu", mixinStandardHelpOptions = true, version = "wenliu 0.1.0",
        description = "Wenliu (文流): streaming Chinese NLP on Kafka Streams.",
        subcommands = {TrainCommand.class})
public final class WenliuMain {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new WenliuMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}
