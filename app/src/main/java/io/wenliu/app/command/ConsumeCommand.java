package io.wenliu.app.command;

import io.wenliu.app.config.WenliuConfig;
import io.wenliu.app.runtime.OutputConsumer;
import io.wenliu.app.runtime.PipelineOutput;
import io.wenliu.serdes.JsonRendering;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu consume enriched|dead-letters}: prints the committed records of an output topic
 * from the beginning as JSON lines on stdout (read_committed; joins no consumer group and commits
 * nothing). Stops after {@code --max} records, or when nothing new arrived for {@code --timeout}.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Print Wenliu's enriched documents or dead letters as JSON lines (one record per line).")
public final class ConsumeCommand implements Callable<Integer> {

    /** Which output topic to read. */
    public enum Output { enriched, dead_letters }

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "TOPIC", converter = OutputConverter.class,
            description = "enriched or dead-letters (topics wenliu.topic.enriched / wenliu.topic.dead.letters).")
    private Output output;

    @Option(names = "--max", defaultValue = "0", description = "Stop after this many records; 0 = no limit (default).")
    private long max;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Stop when no record arrived for this long (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(names = "--follow", description = "Keep waiting for new records until interrupted (ignores --timeout).")
    private boolean follow;

    @Option(names = "--pretty", description = "Indented JSON instead of one line per record.")
    private boolean pretty;

    @Override
    public Integer call() {
        WenliuConfig config = configOptions.load();
        PrintWriter out = spec.commandLine().getOut();
        String enriched = output == Output.enriched ? config.topology().enrichedTopic() : null;
        String deadLetters = output == Output.dead_letters ? config.topology().deadLetterTopic() : null;
        long printed = 0;
        try (OutputConsumer consumer = new OutputConsumer(config.clientSettings(), enriched, deadLetters)) {
            long idleSince = System.nanoTime();
            while (max == 0 || printed < max) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    if (!follow && System.nanoTime() - idleSince > timeout.toNanos()) {
                        break;
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                for (PipelineOutput record : records) {
                    out.println(pretty ? JsonRendering.toPrettyJson(record.record()) : JsonRendering.toJson(record.record()));
                    if (max != 0 && ++printed >= max) {
                        break;
                    }
                }
                out.flush();
            }
        }
        out.flush();
        return 0;
    }

    /** Accepts dead-letters and dead_letters. */
    static final class OutputConverter implements picocli.CommandLine.ITypeConverter<Output> {
        @Override
        public Output convert(String value) {
            return Output.valueOf(value.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }
}
