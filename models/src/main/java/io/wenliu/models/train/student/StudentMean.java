package io.wenliu.models.train.student;

import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.train.ArtifactFiles;
import io.wenliu.models.train.encoder.SimilarityTraining;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The mean of an exported student's embeddings, written into its manifest ({@code mean}) so that the similarity
 * index's LSH hyperplanes pass through it: trained embeddings sit in a narrow cone, and hyperplanes through the
 * origin would put most documents in the same buckets. Stateless.
 */
final class StudentMean {
    /** Every how many training texts of each kind one goes into the sample. */
    static final int EVERY = 20;

    private StudentMean() {
    }

    /** Every {@link #EVERY}th sentiment text, similarity pair (its first sentence) and segmentation sentence. */
    static List<String> sample(StudentCorpora train) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < train.sentiment().size(); i += EVERY) {
            texts.add(train.sentiment().get(i).text());
        }
        for (int i = 0; i < train.similarity().size(); i += EVERY) {
            texts.add(train.similarity().get(i).first());
        }
        List<TaggedSequence> sentences = train.tagging().get(TaggingHead.SEGMENTATION);
        for (int i = 0; i < sentences.size(); i += EVERY) {
            int[] codePoints = sentences.get(i).codePoints();
            texts.add(new String(codePoints, 0, codePoints.length));
        }
        return texts;
    }

    /** Embeds {@code texts} with the student in {@code artifact} as served and writes their mean into its manifest. */
    static float[] write(Path artifact, List<String> texts) throws IOException {
        float[][] vectors;
        try (SentenceEncoder encoder = SentenceEncoder.open(artifact, "cpu", 64)) {
            vectors = encoder.encode(texts).toArray(new float[0][]);
        } catch (TranslateException e) {
            throw new IOException("Cannot embed the mean sample with " + artifact + ": " + e.getMessage(), e);
        }
        float[] mean = SimilarityTraining.meanEmbedding(vectors);
        ArtifactFiles.updateManifest(artifact, manifest -> {
            ArrayNode values = manifest.putArray("mean");
            for (float v : mean) {
                values.add(v);
            }
        });
        return mean;
    }
}
