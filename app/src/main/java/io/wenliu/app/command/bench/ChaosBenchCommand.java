package io.wenliu.app.command.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu bench chaos}: exactly-once under crashes and hostile input, counted by input offset
 * ({@link ChaosHarness}). Exits 0 only if nothing was lost, duplicated or answered wrongly.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Run a KRaft broker and N 'wenliu run' processes, send documents with repeated ids and hostile "
                + "records, SIGKILL instances and the broker, and count every output by input offset.")
public final class ChaosBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--instances", defaultValue = "2", description = "Wenliu processes (default: ${DEFAULT-VALUE}).")
    private int instances;

    @Option(names = "--documents", defaultValue = "2000", description = "Input records (default: ${DEFAULT-VALUE}).")
    private int documents;

    @Option(names = "--kills", defaultValue = "3", description = "SIGKILLs of instances, each restarted (default: ${DEFAULT-VALUE}).")
    private int kills;

    @Option(names = "--broker-restarts", defaultValue = "1", description = "SIGKILLs and restarts of the broker (default: ${DEFAULT-VALUE}).")
    private int brokerRestarts;

    @Option(names = "--rate", defaultValue = "100", description = "Records sent per second (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--models-dir", defaultValue = "models/artifacts",
            description = "Model artifacts the instances deploy (default: ${DEFAULT-VALUE}).")
    private Path modelsDir;

    @Option(names = "--work", description = "Folder for the broker's data and every process's log (default: a new temporary folder).")
    private Path work;

    @Option(names = "--timeout-minutes", defaultValue = "15",
            description = "Longest wait for every record to be answered after the last one is sent (default: ${DEFAULT-VALUE}).")
    private long timeoutMinutes;

    @Override
    public Integer call() throws Exception {
        Path folder = work != null ? work : Files.createTempDirectory("wenliu-chaos");
        ChaosHarness.Report report = new ChaosHarness(new ChaosHarness.Settings(instances, documents, kills,
                brokerRestarts, rate, partitions, modelsDir, folder, System.getProperty("java.class.path"),
                Duration.ofMinutes(timeoutMinutes))).run();
        ChaosLedger.Tally tally = report.tally();
        var out = spec.commandLine().getOut();
        out.printf("records     %d sent, %d in the input topic (one in ten hostile, one in seven a repeated id)%n",
                documents, tally.records());
        if (tally.failedSends() > 0) {
            out.printf("producer    %d sends failed (first: %s); those that reached the topic are counted%n",
                    tally.failedSends(), tally.firstSendError());
        }
        out.printf("chaos       %d instances, %d SIGKILLs, %d broker restarts%n", instances, report.kills(),
                report.brokerRestarts());
        out.printf("elapsed     %.1f s%n", report.elapsed().toMillis() / 1000.0);
        out.printf("lost %d, in flight %d, not yet consumed %d, duplicated %d, wrong outcome %d, stray %d, "
                + "acknowledged but not in the topic %d: %s%n", tally.lost(), tally.inFlight(), tally.waiting(),
                tally.duplicated(), tally.wrong(), tally.stray(), tally.missingInput(),
                tally.isExact() ? "EXACT" : "NOT EXACT");
        out.printf("logs under  %s%n", folder.toAbsolutePath());
        return tally.isExact() ? 0 : 1;
    }
}
