package io.wenliu.app.command;

import io.wenliu.models.similarity.PairMetrics;
import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.similarity.SentencePairs;
import io.wenliu.models.similarity.SentencePairs.Pair;
import io.wenliu.models.vectors.UnitVectors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu eval similarity}: scores the deployed similarity model, served through DJL exactly
 * as in production, on the dev splits: pair accuracy at the model's threshold (chosen on lcqmc dev
 * at training time) and at each set's own best threshold, and Spearman's correlation on chinese_stsb dev.
 */
@Command(name = "similarity", mixinStandardHelpOptions = true,
        description = "Score the similarity model: pair accuracy on lcqmc, bq_corpus and atec dev; Spearman on chinese_stsb dev.")
public final class SimilarityEvalCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private SimilarityOptions options;

    @Mixin
    private DatasetsOption datasets;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (SentenceEncoder encoder = options.open()) {
            out.printf(Locale.ROOT, "model %s v%s, threshold %.4f%n", encoder.artifact().name(),
                    encoder.artifact().version(), encoder.threshold());
            for (String dataset : List.of("lcqmc", "bq_corpus", "atec")) {
                SentencePairs set = SentencePairs.read(datasets.directory(), dataset, "dev");
                float[] cosines = cosines(encoder, set);
                out.printf(Locale.ROOT, "%s: accuracy %.4f at the model's threshold, %.4f at its own best (%d pairs)%n",
                        set.name(), PairMetrics.accuracy(cosines, set.labels(), encoder.threshold()),
                        PairMetrics.bestThreshold(cosines, set.labels()).accuracy(), set.size());
            }
            SentencePairs sts = SentencePairs.read(datasets.directory(), "chinese_stsb", "dev");
            out.printf(Locale.ROOT, "%s: spearman %.4f (%d pairs)%n", sts.name(),
                    PairMetrics.spearman(cosines(encoder, sts), sts.grades()), sts.size());
        }
        out.flush();
        return 0;
    }

    private static float[] cosines(SentenceEncoder encoder, SentencePairs set) throws Exception {
        List<float[]> a = encoder.encode(set.pairs().stream().map(Pair::first).toList());
        List<float[]> b = encoder.encode(set.pairs().stream().map(Pair::second).toList());
        float[] cosines = new float[a.size()];
        for (int i = 0; i < cosines.length; i++) {
            cosines[i] = UnitVectors.dot(a.get(i), b.get(i));
        }
        return cosines;
    }
}
