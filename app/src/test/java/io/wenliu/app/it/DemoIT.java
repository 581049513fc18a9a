package io.wenliu.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.app.WenliuMain;
import io.wenliu.app.command.DemoSamples;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code wenliu demo} as a user runs it: in-process broker, bundled samples, every one accounted for. */
class DemoIT {

    @Test
    void shouldAccountForEverySampleAndExitZero() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = WenliuMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));

        int exitCode = commandLine.execute("demo", "--timeout", "3m",
                "--set", "wenliu.models.dir=" + System.getProperty("wenliu.models.dir", "../models/artifacts"));

        String printed = out.toString();
        assertThat(exitCode).as(printed).isZero();
        int samples = DemoSamples.load().size();
        assertThat(printed)
                .contains("== Enriched documents ==", "== Dead letters ==")
                .contains(samples + " samples: ")
                .contains(samples + " accounted for as expected")
                .doesNotContain("PROBLEMS")
                .contains("bad-unknown-schema", "UNKNOWN_SCHEMA", "bad-tombstone", "TOMBSTONE", "TEXT_TOO_LONG")
                .contains("social-01 [weibo]");
        for (DemoSamples.Sample sample : DemoSamples.load()) {
            assertThat(printed).contains(sample.key());
        }
    }
}
