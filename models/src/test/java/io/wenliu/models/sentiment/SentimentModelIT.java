package io.wenliu.models.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.train.classifier.ChunkLogitsOnSession;
import io.wenliu.models.train.classifier.ClassifierTrainer;
import io.wenliu.models.train.classifier.LabeledText;
import io.wenliu.models.train.classifier.SentimentCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.SavedModelBundle;

/** DJL serving of the committed sentiment artifact: parity with TF-Java, chunking of long documents, accuracy. */
class SentimentModelIT {
    private static final Path MODELS = Path.of(System.getProperty("wenliu.models.dir", "artifacts"));
    private static final Path DATASETS = Path.of(System.getProperty("wenliu.datasets.dir", "../../shared/datasets"));
    private static final List<String> TEXTS = List.of(
            "房间很干净，服务热情，早餐丰富，下次还会入住。",
            "屏幕有坏点，客服态度恶劣，退货还要自己出运费，再也不买了！",
            "一般般吧",
            "",
            "送餐太慢了，菜都凉了。".repeat(40)); // ~440 characters: two chunks

    @Test
    void shouldScoreLikeTheTensorFlowSessionWhateverTheBatchSize() throws Exception {
        Path dir = ModelArtifact.latestVersion(MODELS, SentimentModel.MODEL).orElseThrow();
        ModelArtifact artifact = ModelArtifact.load(dir);
        List<SentimentPrediction> reference;
        try (SavedModelBundle bundle = SavedModelBundle.load(artifact.savedModel().toString(), "serve")) {
            reference = new SentimentClassifier(artifact.vocabulary(), new SentimentChunker(artifact.maxLength()),
                    ChunkLogitsOnSession.of(bundle), 1).classify(TEXTS);
        }
        for (int batch : new int[] {1, 2, 256}) {
            try (SentimentModel model = SentimentModel.open(dir, new ModelSettings(MODELS, "cpu", null, batch))) {
                List<SentimentPrediction> served = model.classify(TEXTS);
                for (int i = 0; i < TEXTS.size(); i++) {
                    assertThat(served.get(i).positiveProbability()).as("text %d at batch %d", i, batch)
                            .isCloseTo(reference.get(i).positiveProbability(), within(1e-4f));
                }
                assertThat(served).extracting(SentimentPrediction::chunks).containsExactly(1, 1, 1, 0, 2);
            }
        }
        assertThat(reference).extracting(SentimentPrediction::label).startsWith(1, 0);
        assertThat(reference.get(3).positiveProbability()).isEqualTo(0.5f);
        assertThat(reference.get(4).label()).isZero();
    }

    @Test
    void shouldClassifyMostChnSentiCorpDevReviewsCorrectly() throws Exception {
        assumeTrue(Files.isDirectory(DATASETS.resolve("chnsenticorp")), "needs the shared datasets");
        List<LabeledText> dev = SentimentCorpus.read(DATASETS, "chnsenticorp", "dev").subList(0, 300);
        try (SentimentModel model = SentimentModel.open(new ModelSettings(MODELS, "cpu", null, 64))) {
            List<SentimentPrediction> predicted = model.classify(dev.stream().map(LabeledText::text).toList());
            // the student scores 0.880 on these 300 (0.886 on all of dev): a guard against serving regressions
            assertThat(ClassifierTrainer.accuracy(dev, predicted)).isGreaterThanOrEqualTo(0.87);
            assertThat(model.artifact().name()).isEqualTo("student-dgcnn"); // the default set serves the student's sentiment head
        }
    }
}
