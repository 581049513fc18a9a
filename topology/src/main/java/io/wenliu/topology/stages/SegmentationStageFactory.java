package io.wenliu.topology.stages;

import io.wenliu.models.segment.Segmenter;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.words.LiveDictionary;
import io.wenliu.topology.words.SegmentingStageFactory;
import java.util.List;
import java.util.Objects;

/**
 * Makes {@link SegmentationStage}s sharing one {@link Segmenter}: the weights are loaded once per
 * JVM, and each stage's calls borrow their own predictor from the segmenter's pool.
 *
 * <p>Owns the segmenter and closes it in {@link #close()}, after Kafka Streams has closed the stages.
 * Thread-safe.
 */
public final class SegmentationStageFactory implements SegmentingStageFactory {
    private final Segmenter segmenter;
    private final ModelVersion version;
    private final LiveDictionary dictionary;

    /** @param segmenter owned from now on */
    public SegmentationStageFactory(Segmenter segmenter) {
        this.segmenter = Objects.requireNonNull(segmenter, "segmenter");
        this.version = ModelVersion.newBuilder()
                .setStage(SegmentationStage.NAME)
                .setName(segmenter.artifact().name())
                .setVersion(segmenter.artifact().version())
                .build();
        this.dictionary = new LiveDictionary(segmenter.userDictionary());
    }

    /** The dictionary the stages apply: the segmenter's file seed with the dictionary topic's entries on top. */
    @Override
    public LiveDictionary dictionary() {
        return dictionary;
    }

    @Override
    public String name() {
        return SegmentationStage.NAME;
    }

    @Override
    public EnrichmentStage newStage() {
        return new SegmentationStage(segmenter, dictionary, List.of(version));
    }

    @Override
    public void close() {
        segmenter.close();
    }
}
