package io.wenliu.topology.stages;

import io.wenliu.models.inference.StudentArtifact;
import io.wenliu.models.inference.StudentModel;
import io.wenliu.models.ner.EntityDecoder;
import io.wenliu.models.pos.PosDecoder;
import io.wenliu.models.segment.SegmentationDecoder;
import io.wenliu.models.segment.UserDictionarySource;
import io.wenliu.models.vectors.EmbeddingSpread;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.similar.EmbeddingStageFactory;
import io.wenliu.topology.similar.SimilaritySettings;
import io.wenliu.topology.words.LiveDictionary;
import io.wenliu.topology.words.SegmentingStageFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Makes {@link StudentStage}s sharing one {@link StudentModel} (weights loaded once per JVM, one predictor per
 * concurrent call) and the heads' decoders, for the chosen heads ({@link ModelTask}s). With the segmentation head
 * it segments with the {@link LiveDictionary} (so the dictionary topic and word discovery run, as with the
 * segmentation stage); with the similarity head it writes embeddings (so the similar-document index runs with its
 * {@link SimilaritySettings}). Each enriched record names one model per chosen head, under the stage names of the
 * single-task stages, all the student artifact.
 *
 * <p>Owns the model and closes it in {@link #close()}, after Kafka Streams has closed the stages. Thread-safe.
 */
public final class StudentStageFactory implements EmbeddingStageFactory, SegmentingStageFactory {
    private final StudentModel model;
    private final Set<ModelTask> heads;
    private final SimilaritySettings similarity;
    private final LiveDictionary dictionary;
    private final SegmentationDecoder segmentation;
    private final PosDecoder pos;
    private final EntityDecoder ner;
    private final List<ModelVersion> versions;

    /**
     * @param model          owned from now on
     * @param userDictionary the segmentation user dictionary file's contents (seed of the live dictionary)
     * @param similarity     the index settings; {@link SimilaritySettings#defaults(SimilaritySettings.ModelScores)}
     *                       with {@link #scores(StudentArtifact)} suits most uses
     * @param heads          the heads to decode and write (part of speech only with segmentation)
     */
    public StudentStageFactory(StudentModel model, UserDictionarySource userDictionary, SimilaritySettings similarity,
                               Set<ModelTask> heads) {
        if (heads.contains(ModelTask.POS) && !heads.contains(ModelTask.SEGMENTATION)) {
            throw new IllegalArgumentException("the POS head tags the segmentation head's words: deploy both, got " + heads);
        }
        this.model = Objects.requireNonNull(model, "model");
        this.heads = Set.copyOf(heads);
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        this.dictionary = new LiveDictionary(userDictionary);
        StudentArtifact artifact = model.artifact();
        this.segmentation = new SegmentationDecoder(artifact.segmentation());
        this.pos = new PosDecoder(artifact.pos());
        this.ner = new EntityDecoder(artifact.ner());
        this.versions = Arrays.stream(ModelTask.values()).filter(heads::contains).map(head -> ModelVersion.newBuilder()
                .setStage(head.stageName()).setName(artifact.name()).setVersion(artifact.version()).build()).toList();
    }

    /**
     * The scores the student suggests, as for the sentence encoder ({@link SimilarityStageFactory#scores}): its
     * measured document minimum score (its same-meaning threshold when none was measured), and max(0.98, that
     * threshold) as near-duplicate threshold.
     */
    public static SimilaritySettings.ModelScores scores(StudentArtifact artifact) {
        return SimilarityStageFactory.scores(artifact.documentMinScore(), artifact.threshold());
    }

    @Override
    public String name() {
        return StudentStage.NAME;
    }

    /** The heads it decodes and writes. */
    @Override
    public List<String> models() {
        return versions.stream().map(ModelVersion::getStage).toList();
    }

    @Override
    public boolean segments() {
        return heads.contains(ModelTask.SEGMENTATION);
    }

    @Override
    public boolean writesEmbeddings() {
        return heads.contains(ModelTask.SIMILARITY);
    }

    @Override
    public LiveDictionary dictionary() {
        return dictionary;
    }

    @Override
    public int dimension() {
        return model.artifact().dimension();
    }

    @Override
    public EmbeddingSpread spread() {
        return model.artifact().spread();
    }

    @Override
    public SimilaritySettings similarity() {
        return similarity;
    }

    @Override
    public EnrichmentStage newStage() {
        return new StudentStage(model, heads, segmentation, pos, ner, dictionary, versions);
    }

    @Override
    public void close() {
        model.close();
    }
}
