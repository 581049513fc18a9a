package io.wenliu.models.train.student;

import ai.djl.translate.TranslateException;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.runtime.ArtifactFiles;
import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.vectors.EmbeddingSpread;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The spread of an exported student's embeddings (their mean and principal axes, {@link EmbeddingSpread}), measured
 * on a sample of its training texts and written into its manifest, so that the similarity index's LSH hyperplanes
 * pass through the mean and lean away from the axes: trained embeddings sit in a narrow cone and vary along a few
 * axes, and hyperplanes through the origin, alike in every direction, would put most documents in the same buckets.
 * Stateless.
 */
final class StudentSpread {
    /** Every how many training texts of each kind one goes into the sample. */
    static final int EVERY = 20;
    /** What the manifest says the spread was measured on ({@code meanOf}). */
    static final String MEASURED_ON = "the student's embeddings of every " + EVERY + "th training sentiment text, "
            + "similarity pair (first sentence) and segmentation sentence: the mean and the " + EmbeddingSpread.AXES
            + " principal axes of largest variance shape the similarity index's hyperplanes";

    private StudentSpread() {
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

    /** Embeds {@code texts} with the student in {@code artifact} as served and writes their spread into its manifest. */
    static EmbeddingSpread write(Path artifact, List<String> texts) throws IOException {
        List<float[]> vectors;
        try (SentenceEncoder encoder = SentenceEncoder.open(artifact, "cpu", 64)) {
            vectors = encoder.encode(texts);
        } catch (TranslateException e) {
            throw new IOException("Cannot embed the spread sample with " + artifact + ": " + e.getMessage(), e);
        }
        EmbeddingSpread spread = EmbeddingSpread.measure(vectors, EmbeddingSpread.AXES);
        ArtifactFiles.updateManifest(artifact, manifest -> {
            spread.write(manifest);
            manifest.put("meanOf", MEASURED_ON);
        });
        return spread;
    }
}
