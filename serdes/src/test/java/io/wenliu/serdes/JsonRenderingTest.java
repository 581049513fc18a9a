package io.wenliu.serdes;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.Sentiment;
import io.wenliu.serdes.avro.SentimentLabel;
import io.wenliu.serdes.avro.Token;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRenderingTest {

    @Test
    void shouldRenderPlainJsonWithUnwrappedUnionsAndIsoTimes() {
        EnrichedDocument doc = EnrichedDocument.newBuilder().setId("d").setText("好").setEventTime(Instant.EPOCH)
                .setProcessedAt(Instant.EPOCH).setTokens(List.of(new Token("好", 0, 1, "VA")))
                .setSentiment(new Sentiment(SentimentLabel.POSITIVE, 0.9f)).build();

        String json = JsonRendering.toJson(doc);

        assertThat(json).contains("\"id\":\"d\"", "\"tokens\":[{\"text\":\"好\",\"start\":0,\"end\":1,\"pos\":\"VA\"}]",
                "\"label\":\"POSITIVE\"", "\"eventTime\":\"1970-01-01T00:00:00Z\"", "\"entities\":null");
    }
}
