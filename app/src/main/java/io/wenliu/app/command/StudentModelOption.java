package io.wenliu.app.command;

import io.wenliu.models.inference.StudentArtifact;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model}: a trained student artifact, for the commands that add what was measured after training. */
public final class StudentModelOption {
    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "The student artifact's folder (say, models/artifacts/student/4).")
    private Path directory;

    /** The folder, once it is known to hold a student artifact. */
    public Path directory() {
        if (!StudentArtifact.isStudent(directory)) {
            throw new IllegalArgumentException(directory + " holds no student artifact (a manifest.json with task 'student')");
        }
        return directory;
    }
}
