package io.wenliu.models.similarity;

import ai.djl.translate.TranslateException;
import io.wenliu.models.vectors.UnitVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Chooses a sentence encoder's "same meaning" threshold for open-domain questions: LCQMC ships no train split here,
 * so the threshold is chosen on a seeded half of lcqmc dev (the "validation" half) and the accuracy is reported on
 * the other half, which chose nothing. The similarity teacher and the student choose theirs so; a threshold chosen
 * on the bq/atec/stsb training pairs sits too high for open-domain questions. Stateless.
 */
public final class OpenDomainThreshold {
    public static final String DATASET = "lcqmc";
    private static final long SEED = 20261204L;

    private OpenDomainThreshold() {
    }

    /** The chosen threshold, with the accuracy on each half of lcqmc dev. */
    public record Result(float threshold, double validationAccuracy, double heldOutAccuracy, int validationPairs,
                         int heldOutPairs) {
    }

    /** Whether {@code datasets} holds lcqmc dev, the split the threshold is chosen on. */
    public static boolean available(Path datasets) {
        return Files.isRegularFile(datasets.resolve(DATASET).resolve("dev.tsv"));
    }

    /** Chooses the threshold of {@code encoder} as the class comment says. */
    public static Result choose(Path datasets, SentenceEncoder encoder) throws IOException {
        List<SentencePairs.Pair> pairs = new ArrayList<>(SentencePairs.read(datasets, DATASET, "dev").pairs());
        Collections.shuffle(pairs, new Random(SEED));
        SentencePairs validation = new SentencePairs(DATASET + "-dev-validation-half", pairs.subList(0, pairs.size() / 2));
        SentencePairs heldOut = new SentencePairs(DATASET + "-dev-held-out-half", pairs.subList(pairs.size() / 2, pairs.size()));
        PairMetrics.Threshold chosen = PairMetrics.bestThreshold(cosines(encoder, validation), validation.labels());
        double heldOutAccuracy = PairMetrics.accuracy(cosines(encoder, heldOut), heldOut.labels(), chosen.threshold());
        return new Result(chosen.threshold(), chosen.accuracy(), heldOutAccuracy, validation.size(), heldOut.size());
    }

    private static float[] cosines(SentenceEncoder encoder, SentencePairs pairs) throws IOException {
        List<String> texts = new ArrayList<>();
        for (SentencePairs.Pair pair : pairs.pairs()) {
            texts.add(pair.first());
            texts.add(pair.second());
        }
        List<float[]> embeddings;
        try {
            embeddings = encoder.encode(texts);
        } catch (TranslateException e) {
            throw new IOException("Cannot encode the " + pairs.name() + " sentences", e);
        }
        float[] cosines = new float[pairs.size()];
        for (int i = 0; i < cosines.length; i++) {
            cosines[i] = UnitVectors.dot(embeddings.get(2 * i), embeddings.get(2 * i + 1));
        }
        return cosines;
    }
}
