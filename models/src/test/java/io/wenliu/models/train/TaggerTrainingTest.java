package io.wenliu.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggerTrainingTest {

    @Test
    void shouldTrainAndExportATinySegmenterThatBeatsChance(@TempDir Path out) throws Exception {
        Path data = Path.of(System.getProperty("wenliu.datasets.dir", "../../shared/datasets"), "msra_ner");
        assumeTrue(Files.isDirectory(data), "needs the shared datasets");
        TaggerHyperParameters tiny = new TaggerHyperParameters(32, List.of(1, 2), 3, 0.1f, 5e-3f, 32, 2, 2,
                List.of(32, 64), 1, 0, 0, 7L);
        TaggerTraining.Settings settings = new TaggerTraining.Settings(
                List.of(data.resolve("train.wordtag.txt")), Map.of("msr", data.resolve("dev.wordtag.txt")),
                out.resolve("segmenter"), "test", tiny, Duration.ofMinutes(2), 800, "test");

        TrainedTagger model = TaggerTraining.run(new SegmentationTask(), settings);

        assertThat(model.history()).isNotEmpty();
        assertThat(model.history().get(model.history().size() - 1).trainLoss())
                .isLessThan(model.history().get(0).trainLoss() + 1e-9);
        // all-single-character segmentation scores about 0.5 F1 on MSR text; a learned model does better
        assertThat(model.bestMetrics().get("f1")).isGreaterThan(0.6);
        Path artifact = out.resolve("segmenter");
        assertThat(artifact.resolve("saved_model/saved_model.pb")).exists();
        assertThat(CharVocabulary.load(artifact).size()).isEqualTo(model.vocabulary().size());
        assertThat(LabelSet.load(artifact).labels()).containsExactly("B", "M", "E", "S");
        assertThat(Files.readString(artifact.resolve("MODEL_CARD.md"))).contains("| msr |");
        assertThat(Files.readString(artifact.resolve("manifest.json"))).contains("\"saved_model/saved_model.pb\"");
    }
}
