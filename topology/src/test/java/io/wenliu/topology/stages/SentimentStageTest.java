package io.wenliu.topology.stages;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.sentiment.SentimentModel;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.serdes.avro.SentimentLabel;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentStage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SentimentStageTest {
    private static final CharVocabulary VOCABULARY = CharVocabulary.of("好差".codePoints().boxed().toList());
    private static final int GOOD = VOCABULARY.id('好');
    private static final int BAD = VOCABULARY.id('差');

    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void shouldFillSentimentForEveryLiveDocumentInOneModelCall() throws Exception {
        try (SentimentStageFactory factory = new SentimentStageFactory(model());
             EnrichmentStage stage = factory.newStage()) {
            EnrichmentItem good = item("d1", "好好，差");
            EnrichmentItem bad = item("d2", "差！");
            EnrichmentItem failed = item("d3", "好");
            failed.fail("validation", "TEST", "failed earlier", null);

            stage.enrich(List.of(good, bad, failed));

            assertThat(good.output().getSentiment().getLabel()).isEqualTo(SentimentLabel.POSITIVE);
            assertThat(good.output().getSentiment().getPositiveProbability()).isGreaterThan(0.5f);
            assertThat(bad.output().getSentiment().getLabel()).isEqualTo(SentimentLabel.NEGATIVE);
            assertThat(bad.output().getSentiment().getPositiveProbability()).isLessThan(0.5f);
            assertThat(failed.output().hasSentiment()).isFalse();
            assertThat(calls.get()).isEqualTo(1);
        }
    }

    @Test
    void shouldGiveATextWithoutCharactersProbabilityOneHalfWithoutCallingTheModel() throws Exception {
        try (SentimentStageFactory factory = new SentimentStageFactory(model());
             EnrichmentStage stage = factory.newStage()) {
            EnrichmentItem blank = item("d1", "\u3000\n");

            stage.enrich(List.of(blank));

            assertThat(blank.output().getSentiment().getPositiveProbability()).isEqualTo(0.5f);
            assertThat(calls.get()).isZero();
        }
    }

    @Test
    void shouldReportTheModelItRuns() {
        try (SentimentStageFactory factory = new SentimentStageFactory(model());
             EnrichmentStage stage = factory.newStage()) {
            assertThat(factory.name()).isEqualTo("sentiment");
            assertThat(stage.models()).containsExactly(new ModelVersion("sentiment", "fake-sentiment", "3"));
        }
    }

    private static EnrichmentItem item(String id, String text) {
        Document document = Document.newBuilder().setId(id).setText(text).setEventTime(Instant.EPOCH).build();
        EnrichedDocument.Builder output = EnrichedDocument.newBuilder().setId(id).setText(text)
                .setEventTime(Instant.EPOCH).setProcessedAt(Instant.EPOCH);
        return new EnrichmentItem(document, output);
    }

    /** Logit of a chunk: (count of 好 − count of 差), so 好好，差 is positive and 差！ negative. */
    private SentimentModel model() {
        ModelArtifact artifact = new ModelArtifact(Path.of("fake"), "fake-sentiment", "sentiment", "3", 64,
                VOCABULARY, new LabelSet(List.of("negative", "positive")));
        return SentimentModel.of(artifact, (ids, batch, length) -> {
            calls.incrementAndGet();
            float[] logits = new float[batch];
            for (int i = 0; i < ids.length; i++) {
                logits[i / length] += ids[i] == GOOD ? 1 : ids[i] == BAD ? -1 : 0;
            }
            return logits;
        }, 32);
    }
}
