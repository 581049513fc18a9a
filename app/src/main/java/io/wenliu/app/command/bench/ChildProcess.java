package io.wenliu.app.command.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM child process on this program's classpath, its output appended to a log file: what the chaos
 * harness starts, kills for real ({@link #kill()}: SIGKILL, no shutdown hook, no commit) and restarts.
 * The creator owns it; {@link #close()} kills it if still alive. Not thread-safe.
 */
final class ChildProcess implements AutoCloseable {
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    private ChildProcess(List<String> command, Map<String, String> environment, Path log) {
        this.command = command;
        this.environment = environment;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code arguments}.
     *
     * @param classpath   the child's classpath (this program's own)
     * @param environment variables added to the child's environment; its WENLIU_* come only from here
     */
    static ChildProcess start(String classpath, String heap, String mainClass, List<String> arguments,
                              Map<String, String> environment, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", classpath, mainClass));
        command.addAll(arguments);
        ChildProcess child = new ChildProcess(List.copyOf(command), Map.copyOf(environment), log);
        child.launch();
        return child;
    }

    private void launch() throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("WENLIU_"));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end; its exit code, or -1 if it did not end in time. */
    int waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** A crash: SIGKILL, then waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** Starts the same command again (after {@link #kill()}), appending to the same log. */
    void restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        launch();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
