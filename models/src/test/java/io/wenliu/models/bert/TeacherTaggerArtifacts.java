package io.wenliu.models.bert;

import io.wenliu.models.train.bert.TeacherArtifact;
import io.wenliu.models.vocab.LabelSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Tagging teacher artifacts for serving tests: bge-small-zh's encoder and a random CRF head. Test fixture. */
public final class TeacherTaggerArtifacts {
    private TeacherTaggerArtifacts() {
    }

    /** Writes to {@code dir} a teacher artifact of {@code task} with {@code labels}, as a fine-tuning run would. */
    public static Path write(Path dir, BertWeights bge, LabelSet labels, String task, long seed) throws IOException {
        BertConfig config = bge.config(BertConfig.BGE_SMALL_ZH_HEADS);
        int tags = labels.size();
        Map<String, float[]> fineTuned = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String name : bge.names()) {
            if (!name.equals(BertEncoder.WORD_EMBEDDINGS)) {
                fineTuned.put(name, bge.get(name).values());
                shapes.put(name, bge.get(name).dims());
            }
        }
        Random random = new Random(seed);
        fineTuned.put(BertTaggerNetwork.HEAD_WEIGHT, gaussians(random, config.hidden() * tags, 0.2));
        shapes.put(BertTaggerNetwork.HEAD_WEIGHT, new long[] {config.hidden(), tags});
        fineTuned.put(BertTaggerNetwork.HEAD_BIAS, gaussians(random, tags, 0.5));
        shapes.put(BertTaggerNetwork.HEAD_BIAS, new long[] {tags});
        fineTuned.put(BertTaggerNetwork.TRANSITIONS, gaussians(random, tags * tags, 0.5));
        shapes.put(BertTaggerNetwork.TRANSITIONS, new long[] {tags, tags});
        labels.save(Files.createDirectories(dir));
        TeacherArtifact.write(dir, fineTuned, shapes, new TeacherArtifact.Description(task + "-bge-small-zh-test", task, "1",
                Map.of(), Map.of(), Map.of(), "test"), Map.of(), "test", Map.of());
        return dir;
    }

    private static float[] gaussians(Random random, int n, double scale) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }
}
