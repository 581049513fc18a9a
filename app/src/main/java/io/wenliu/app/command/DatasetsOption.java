package io.wenliu.app.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --datasets}: the folder of the shared corpora, for every command that reads them. */
public final class DatasetsOption {
    @Option(names = "--datasets", defaultValue = "${env:WENLIU_DATASETS_DIR:-../shared/datasets}",
            description = "Folder of the shared corpora (default: ${DEFAULT-VALUE}; env WENLIU_DATASETS_DIR).")
    private Path directory;

    public Path directory() {
        return directory;
    }
}
