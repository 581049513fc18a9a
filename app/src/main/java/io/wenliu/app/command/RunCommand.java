package io.wenliu.app.command;

import io.wenliu.app.config.WenliuConfig;
import io.wenliu.app.runtime.StreamsRunner;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code wenliu run}: the service. Runs until SIGTERM (or Ctrl-C), then commits, leaves the consumer
 * group so that the other instances take over at once, closes the models, and exits 0; exits 1
 * when a stream thread fails, 2 on a configuration error. The settings list in {@code --help} is generated from {@link WenliuConfig#definition()}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the Wenliu service: enrich the documents of the input topic until stopped (SIGTERM, Ctrl-C).",
        footerHeading = "%nSettings (in a --config file, as WENLIU_* environment variables, or with --set):%n")
public final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    private ConfigOptions configOptions;

    @Override
    public Integer call() throws InterruptedException {
        WenliuConfig config = configOptions.load();
        StreamsRunner runner = StreamsRunner.start(config);
        Thread shutdown = new Thread(() -> {
            runner.close();
            // Everything is closed: end with 0 rather than the JVM's 143 for SIGTERM, since this
            // was the orderly stop an orchestrator asked for.
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(0);
        }, "wenliu-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        Optional<Throwable> failure = runner.awaitTermination();
        if (failure.isEmpty()) {
            return 0; // stopped by the shutdown hook, which finishes closing
        }
        LOG.error("Wenliu stopped after a failure: {}. {}", failure.get(), StreamsRunner.adviceFor(failure.get()));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running and closes the runner itself
            return 1;
        }
        runner.close();
        return 1;
    }
}
