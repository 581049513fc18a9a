package io.wenliu.topology.stages;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.segment.Segmenter;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.serdes.avro.Token;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentStage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationStageTest {

    @Test
    void shouldFillTokensWithOffsetsForEveryLiveDocumentInOneModelCall() throws Exception {
        CountingScorer scorer = new CountingScorer();
        try (SegmentationStageFactory factory = new SegmentationStageFactory(segmenter(scorer));
             EnrichmentStage stage = factory.newStage()) {
            EnrichmentItem first = item("d1", "你好 😀");
            EnrichmentItem blank = item("d2", "\u3000");
            EnrichmentItem failed = item("d3", "坏");
            failed.fail("validation", "TEST", "failed earlier", null);

            stage.enrich(List.of(first, blank, failed));

            assertThat(first.output().getTokens()).containsExactly(new Token("你", 0, 1, null),
                    new Token("好", 1, 2, null), new Token("😀", 3, 5, null));
            assertThat(blank.output().getTokens()).isEmpty();
            assertThat(failed.output().hasTokens()).isFalse();
            assertThat(scorer.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void shouldReportTheModelItRuns() {
        try (SegmentationStageFactory factory = new SegmentationStageFactory(segmenter(new CountingScorer()));
             EnrichmentStage stage = factory.newStage()) {
            assertThat(factory.name()).isEqualTo("segmentation");
            assertThat(stage.models()).containsExactly(new ModelVersion("segmentation", "fake-segmenter", "7"));
        }
    }

    @Test
    void shouldDeployNoStageWithoutArtifacts(@TempDir Path models) {
        assertThat(ModelStages.open(new ModelSettings(models, "cpu", null, 32))).isEmpty();
    }

    private static EnrichmentItem item(String id, String text) {
        Document document = Document.newBuilder().setId(id).setText(text).setEventTime(java.time.Instant.EPOCH).build();
        EnrichedDocument.Builder output = EnrichedDocument.newBuilder().setId(id).setText(text)
                .setEventTime(java.time.Instant.EPOCH).setProcessedAt(java.time.Instant.EPOCH);
        return new EnrichmentItem(document, output);
    }

    private static Segmenter segmenter(SequenceScorer scorer) {
        ModelArtifact artifact = new ModelArtifact(Path.of("fake"), "fake-segmenter", "segmentation", "7", 64,
                CharVocabulary.of("你好".codePoints().boxed().toList()), new LabelSet(List.of("B", "M", "E", "S")));
        return Segmenter.of(artifact, scorer, null);
    }

    /** Makes every character a word and counts model calls. */
    private static final class CountingScorer implements SequenceScorer {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public int maxLength() {
            return 64;
        }

        @Override
        public List<SequenceScores> score(List<int[]> sequences) {
            calls.incrementAndGet();
            List<SequenceScores> out = new ArrayList<>();
            for (int[] ids : sequences) {
                float[] emissions = new float[ids.length * 4];
                for (int t = 0; t < ids.length; t++) {
                    emissions[t * 4 + 3] = 1;
                }
                out.add(new SequenceScores(emissions, 0, ids.length, new float[16]));
            }
            return out;
        }

        @Override
        public void close() {
        }
    }
}
