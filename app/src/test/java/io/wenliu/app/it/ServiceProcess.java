package io.wenliu.app.it;

import io.wenliu.app.WenliuMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Wenliu service ({@code wenliu run}) in a child JVM on the test classpath, so that a test can kill
 * it for real ({@link #kill()}: SIGKILL, no shutdown hook, no commit, no leaving the group) or stop
 * it as an orchestrator would ({@link #terminate()}: SIGTERM). Its output goes to a log file under
 * the build directory. The test owns it; {@link #close()} kills it if still alive.
 */
final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param environment WENLIU_* variables (the child gets nothing else of the test's configuration)
     * @param arguments   arguments after {@code run}, e.g. {@code --set key=value}
     */
    static ServiceProcess start(Path log, Map<String, String> environment, String... arguments) throws IOException {
        Files.createDirectories(log.getParent());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", classpath, WenliuMain.class.getName(), "run"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("WENLIU_"));
        builder.environment().putAll(environment);
        return new ServiceProcess(builder.start(), log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** A crash: SIGKILL, then waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as docker stop or Kubernetes would send; returns the exit code, or -1 if it did not exit in time. */
    int terminate(long timeoutSeconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeoutSeconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** The child's output so far, for assertion messages. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
