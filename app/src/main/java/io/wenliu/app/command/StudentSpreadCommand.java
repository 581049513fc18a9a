package io.wenliu.app.command;

import io.wenliu.models.train.student.StudentTraining;
import io.wenliu.models.vectors.EmbeddingSpread;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu train student-spread}: measures where a trained student's embeddings lie (their mean and principal
 * axes) on its training texts and writes that into its manifest, as {@code train student} does at its end; for
 * students trained before training measured the axes.
 */
@Command(name = "student-spread", mixinStandardHelpOptions = true,
        description = "Measure the mean and principal axes of a trained student's embeddings on its training texts and "
                + "write them into its manifest (the similarity index's hyperplanes follow them; 'train student' does "
                + "this itself).")
public final class StudentSpreadCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatasetsOption datasets;

    @Mixin
    private StudentModelOption model;

    @Override
    public Integer call() throws Exception {
        EmbeddingSpread spread = StudentTraining.writeSpread(datasets.directory(), model.directory());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Wrote the mean and %d principal axes (variances %s) into %s%n", spread.axes().length,
                Arrays.toString(spread.variances()), model.directory().resolve("manifest.json"));
        return 0;
    }
}
