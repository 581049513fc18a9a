package io.wenliu.app.command;

import io.wenliu.models.similarity.OpenDomainThreshold;
import io.wenliu.models.train.bert.TeacherSimilarity;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wenliu train teacher-similarity}: the zero-shot bge-small-zh similarity teacher (threshold only). */
@Command(name = "teacher-similarity", mixinStandardHelpOptions = true,
        description = "Write the similarity teacher: bge-small-zh-v1.5 sentence embeddings as they are, the threshold "
                + "chosen on a seeded half of lcqmc dev and reported on the other half.")
public final class TeacherSimilarityTrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TrainingOptions training;

    @Override
    public Integer call() throws Exception {
        Path out = training.output(Path.of("models", "teacher"), "similarity");
        OpenDomainThreshold.Result result = TeacherSimilarity.write(training.datasets(spec), out, training.version(),
                TrainingOptions.commandLine(spec));
        spec.commandLine().getOut().printf("threshold %.4f: lcqmc dev validation half %.4f (%d pairs), held-out half %.4f (%d pairs)%n",
                result.threshold(), result.validationAccuracy(), result.validationPairs(), result.heldOutAccuracy(),
                result.heldOutPairs());
        spec.commandLine().getOut().println("Wrote " + out.toAbsolutePath());
        return 0;
    }
}
