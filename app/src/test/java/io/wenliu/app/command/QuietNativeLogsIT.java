package io.wenliu.app.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.app.WenliuMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that loads a model prints its answer and nothing of TensorFlow's C++ INFO logging (a dozen lines per
 * SavedModel load), as a user runs it: in a JVM of its own, without the {@code TF_CPP_MIN_LOG_LEVEL} the build sets
 * for tests; a user who sets that variable still decides.
 */
class QuietNativeLogsIT {
    private static final String MODELS = System.getProperty("wenliu.models.dir", "../models/artifacts");

    @Test
    void shouldKeepTensorFlowsInfoLogsOffTheTerminal(@TempDir Path dir) throws Exception {
        Run quiet = segment(dir, null);
        Run chatty = segment(dir, "0");

        assertThat(quiet.exit()).as(quiet.stderr()).isZero();
        assertThat(quiet.stdout()).isEqualTo("我 爱 北京" + System.lineSeparator());
        assertThat(quiet.stderr()).doesNotContain("] Reading SavedModel");
        assertThat(chatty.stderr()).as("the user's own level is kept").contains("] Reading SavedModel");
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run segment(Path dir, String logLevel) throws IOException, InterruptedException {
        Path input = Files.writeString(dir.resolve("input.txt"), "我爱北京\n", StandardCharsets.UTF_8);
        Path stdout = dir.resolve("stdout-" + logLevel + ".txt");
        Path stderr = dir.resolve("stderr-" + logLevel + ".txt");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dwenliu.models.cache.dir=" + dir.resolve("cache-" + logLevel), // built here first, as on a fresh machine
                "-cp", classpath, WenliuMain.class.getName(), "segment", "--input", input.toString(),
                "--models-dir", MODELS))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().remove("TF_CPP_MIN_LOG_LEVEL");
        if (logLevel != null) {
            builder.environment().put("TF_CPP_MIN_LOG_LEVEL", logLevel);
        }
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("wenliu segment did not finish in 120 s");
        }
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
