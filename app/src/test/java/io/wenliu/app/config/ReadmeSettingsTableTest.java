package io.wenliu.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's settings table is generated from {@link WenliuConfig}; this keeps the two from drifting apart. */
class ReadmeSettingsTableTest {
    private static final String MARKER = "<!-- generated from io.wenliu.app.config.WenliuConfig.markdownTable() -->";

    @Test
    void shouldShowExactlyTheSettingsWenliuConfigDefines() throws IOException {
        // Maven runs the tests in app/; its surefire configuration names the repository root
        Path readme = Path.of(System.getProperty("wenliu.repo.dir", ".."), "README.md").toAbsolutePath().normalize();
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        assertThat(text).as("%s has the line %s above the settings table", readme, MARKER).contains(MARKER + "\n");

        int start = text.indexOf(MARKER + "\n") + MARKER.length() + 1;
        int end = text.indexOf("\n\n", start); // the table ends at the first blank line
        String table = text.substring(start, end < 0 ? text.length() : end + 1);

        assertThat(table)
                .as("The settings table in %s is out of date. Regenerate it: replace the lines below %s, up to the "
                        + "next blank line, with the expected text (the output of WenliuConfig.markdownTable())",
                        readme, MARKER)
                .isEqualTo(WenliuConfig.markdownTable());
    }
}
