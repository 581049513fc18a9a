package io.wenliu.models.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wenliu.models.data.SegmentedCorpus;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.ModelSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed segmenter artifact, served through DJL on CPU. */
class SegmenterIT {
    private static final Path MODELS = Path.of(System.getProperty("wenliu.models.dir", "artifacts"));
    private static final Path DATASETS = Path.of(System.getProperty("wenliu.datasets.dir", "../../shared/datasets"));
    private static Segmenter segmenter;

    @BeforeAll
    static void loadModel() {
        segmenter = Segmenter.open(new ModelSettings(MODELS, "cpu", null, 64));
    }

    @AfterAll
    static void closeModel() {
        segmenter.close();
    }

    @Test
    void shouldReachF1OfAtLeast95PercentOn200DevSentences() throws Exception {
        Path dev = DATASETS.resolve("msra_ner/dev.wordtag.txt");
        assumeTrue(Files.isRegularFile(dev), "needs the shared datasets at " + DATASETS.toAbsolutePath());
        // every k-th sentence, so that the 200 span the whole dev set rather than its first few articles
        // (the first 200 alone score 0.935 with segmenter/1; the whole dev set 0.959, this sample 0.962)
        List<SegmentedCorpus.Sentence> all = SegmentedCorpus.read(dev);
        int stride = all.size() / 200;
        List<SegmentedCorpus.Sentence> sentences = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> all.get(i * stride)).toList();

        List<List<Word>> predicted = segmenter.segment(sentences.stream().map(SegmentedCorpus.Sentence::text).toList());

        SegmentationScorer scorer = new SegmentationScorer(Set.of());
        for (int i = 0; i < sentences.size(); i++) {
            scorer.add(sentences.get(i).words(), predicted.get(i).stream().map(Word::text).toList());
        }
        assertThat(scorer.score().f1()).as("F1 of %s", segmenter.artifact().directory()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void shouldSegmentChineseSentencesWithOffsets() throws Exception {
        assertThat(segmenter.segment("我爱北京天安门。")).containsExactly(new Word("我", 0, 1), new Word("爱", 1, 2),
                new Word("北京", 2, 4), new Word("天安门", 4, 7), new Word("。", 7, 8));
        assertThat(texts("今天天气很好，我们去公园散步。"))
                .containsExactly("今天", "天气", "很", "好", "，", "我们", "去", "公园", "散步", "。");
    }

    @Test
    void shouldSplitAtWhitespaceAndKeepOriginalSpellingsOfFoldedCharacters() throws Exception {
        List<Word> words = segmenter.segment("北京 欢迎你！ＣＨＩＮＡ");

        assertThat(words.subList(0, 2)).containsExactly(new Word("北京", 0, 2), new Word("欢迎", 3, 5));
        assertThat(words).contains(new Word("！", 6, 7));
        assertThat(words.get(words.size() - 1).text()).endsWith("Ａ");
        assertThat(words.stream().map(Word::text).reduce("", String::concat)).isEqualTo("北京欢迎你！ＣＨＩＮＡ");
    }

    @Test
    void shouldCountSurrogatePairsAsTwoCodeUnits() throws Exception {
        List<Word> words = segmenter.segment("今天很开心😀我们走吧");

        assertThat(words).contains(new Word("今天", 0, 2), new Word("我们", 7, 9));
        assertThat(words.stream().filter(w -> w.text().contains("😀")).findFirst().orElseThrow().end()).isLessThanOrEqualTo(7);
    }

    private static List<String> texts(String text) throws Exception {
        return segmenter.segment(text).stream().map(Word::text).toList();
    }

    @Test
    void shouldSegmentTheSameAloneAndInABatch() throws Exception {
        List<String> texts = List.of("今天天气很好。", "我爱北京天安门，天安门上太阳升。", "", "他说：“明天见！”");
        List<List<Word>> batch = segmenter.segment(texts);

        for (int i = 0; i < texts.size(); i++) {
            assertThat(segmenter.segment(texts.get(i))).isEqualTo(batch.get(i));
        }
    }

    @Test
    void shouldKeepEveryCharacterOfAHugeTextWithoutPunctuation() throws Exception {
        String text = "中华人民共和国成立了".repeat(5_000) + " end";

        List<Word> words = segmenter.segment(text);

        assertThat(String.join("", words.stream().map(Word::text).toList())).isEqualTo(text.replace(" ", ""));
        assertThat(words.get(words.size() - 1)).isEqualTo(new Word("end", text.length() - 3, text.length()));
    }

    @Test
    void shouldGiveTheSameAnswersFromConcurrentThreads() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            texts.add("第" + i + "次会议在上海召开，代表们讨论了经济发展问题。");
        }
        List<List<Word>> expected = segmenter.segment(texts);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<List<Word>>>> answers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                answers.add(pool.submit(() -> segmenter.segment(texts)));
            }
            for (Future<List<List<Word>>> answer : answers) {
                assertThat(answer.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldReportTheArtifactItServes() {
        ModelArtifact artifact = segmenter.artifact();

        assertThat(artifact.name()).isEqualTo("student-dgcnn"); // the default set serves the student's segmentation head
        assertThat(artifact.task()).isEqualTo("segmentation");
        assertThat(artifact.labels().labels()).containsExactlyInAnyOrder("B", "M", "E", "S");
    }
}
