package io.wenliu.topology.words;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.discover.DiscoverySettings;
import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.segment.Segmenter;
import io.wenliu.models.segment.UserDictionary;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.Topics;
import io.wenliu.serdes.avro.DictionaryAction;
import io.wenliu.serdes.avro.DictionaryEntry;
import io.wenliu.serdes.avro.DictionarySource;
import io.wenliu.serdes.avro.DiscoveredWord;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.Token;
import io.wenliu.topology.batch.BatchSettings;
import io.wenliu.topology.stages.SegmentationStageFactory;
import io.wenliu.topology.testing.Documents;
import io.wenliu.topology.testing.TestPipeline;
import io.wenliu.topology.testing.TestSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WordsTopologyTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final WordsSettings WORDS = new WordsSettings(Topics.DICTIONARY, Topics.WORD_CANDIDATES, true,
            500, INTERVAL, 50, null, DiscoverySettings.defaults());

    private TestPipeline pipeline;
    private TestInputTopic<String, DictionaryEntry> dictionary;
    private TestOutputTopic<String, DiscoveredWord> candidates;
    private TestOutputTopic<String, DictionaryEntry> dictionaryOut;

    @BeforeEach
    void start() {
        start(WORDS);
    }

    private void start(WordsSettings words) {
        SegmentationStageFactory segmentation = new SegmentationStageFactory(characterSegmenter());
        pipeline = new TestPipeline(TestSettings.topology(new BatchSettings(1, Duration.ofSeconds(1))), words,
                List.of(segmentation));
        dictionary = pipeline.driver().createInputTopic(Topics.DICTIONARY, new StringSerializer(),
                AvroSerde.dictionaryEntry().serializer());
        candidates = pipeline.driver().createOutputTopic(Topics.WORD_CANDIDATES, new StringDeserializer(),
                AvroSerde.discoveredWord().deserializer());
        dictionaryOut = pipeline.driver().createOutputTopic(Topics.DICTIONARY, new StringDeserializer(),
                AvroSerde.dictionaryEntry().deserializer());
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    @Test
    void shouldApplyADictionaryEntryToTheNextDocument() {
        pipeline.send(Documents.document("d1", "张小凡来了"));
        EnrichedDocument before = pipeline.enriched().readValue();

        dictionary.pipeInput("张小凡", keep("张小凡"));
        pipeline.send(Documents.document("d2", "张小凡来了"));
        EnrichedDocument after = pipeline.enriched().readValue();

        assertThat(words(before)).containsExactly("张", "小", "凡", "来", "了");
        assertThat(before.getDictionaryVersion()).isZero();
        assertThat(words(after)).containsExactly("张小凡", "来", "了");
        assertThat(after.getTokens().get(0)).isEqualTo(new Token("张小凡", 0, 3, null));
        assertThat(after.getDictionaryVersion())
                .isEqualTo(UserDictionary.of(Map.of("张小凡", List.of("张小凡"))).fingerprint());
    }

    @Test
    void shouldSplitAndThenForgetAWordAsTheOperatorSays() {
        dictionary.pipeInput("南京市长", new DictionaryEntry("南京市长", DictionaryAction.SPLIT, List.of("南京", "市长"),
                DictionarySource.OPERATOR, null, Instant.EPOCH));
        pipeline.send(Documents.document("d1", "南京市长江"));
        dictionary.pipeInput("南京市长", new DictionaryEntry("南京市长", DictionaryAction.REMOVE, List.of(),
                DictionarySource.OPERATOR, null, Instant.EPOCH));
        pipeline.send(Documents.document("d2", "南京市长江"));

        assertThat(words(pipeline.enriched().readValue())).containsExactly("南京", "市长", "江");
        EnrichedDocument after = pipeline.enriched().readValue();
        assertThat(words(after)).containsExactly("南", "京", "市", "长", "江");
        assertThat(after.getDictionaryVersion()).isZero();
    }

    @Test
    void shouldIgnoreASplitWhosePiecesDoNotSpellTheWord() {
        dictionary.pipeInput("南京", new DictionaryEntry("南京", DictionaryAction.SPLIT, List.of("南", "北"),
                DictionarySource.OPERATOR, null, Instant.EPOCH));
        pipeline.send(Documents.document("d1", "南京"));

        assertThat(words(pipeline.enriched().readValue())).containsExactly("南", "京");
    }

    @Test
    void shouldPublishTheWordsItsSegmenterCutsAfterAnInterval() {
        sendNovel(200);

        pipeline.driver().advanceWallClockTime(INTERVAL);

        Map<String, DiscoveredWord> found = candidates.readKeyValuesToMap();
        assertThat(found).containsKeys("霜月城", "墨渊阁");
        assertThat(found.get("霜月城").getPartitions()).isEqualTo(1);
        assertThat(found.get("霜月城").getCount()).isGreaterThan(10);
        assertThat(dictionaryOut.isEmpty()).as("auto-accept is off").isTrue();
    }

    @Test
    void shouldPublishNothingWithoutNewDocuments() {
        sendNovel(200);
        pipeline.driver().advanceWallClockTime(INTERVAL);
        candidates.readKeyValuesToList();

        pipeline.driver().advanceWallClockTime(INTERVAL);

        assertThat(candidates.isEmpty()).isTrue();
    }

    @Test
    void shouldAcceptWordsAboveTheAutoAcceptScoreIntoTheDictionary() {
        pipeline.close();
        start(new WordsSettings(Topics.DICTIONARY, Topics.WORD_CANDIDATES, true, 500, INTERVAL, 50, 1.0,
                DiscoverySettings.defaults()));
        sendNovel(200);

        pipeline.driver().advanceWallClockTime(INTERVAL);

        Map<String, DictionaryEntry> accepted = dictionaryOut.readKeyValuesToMap();
        assertThat(accepted).containsKey("霜月城");
        assertThat(accepted.get("霜月城").getSource()).isEqualTo(DictionarySource.DISCOVERED);
        assertThat(accepted.get("霜月城").getAction()).isEqualTo(DictionaryAction.KEEP);
    }

    /** Sentences of common words and two invented names; the character segmenter cuts every word. */
    private void sendNovel(int sentences) {
        List<String> common = List.of("我们", "今天", "看见", "城里", "朋友", "山上", "发现", "美丽", "老师", "河边");
        List<String> names = List.of("霜月城", "墨渊阁");
        Random random = new Random(5);
        for (int s = 0; s < sentences; s++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                text.append(random.nextDouble() < 0.2 ? names.get(random.nextInt(2)) : common.get(random.nextInt(common.size())));
            }
            pipeline.send(Documents.document("n" + s, text.append("。").toString()));
        }
        pipeline.enriched().readValuesToList();
    }

    private static DictionaryEntry keep(String word) {
        return new DictionaryEntry(word, DictionaryAction.KEEP, List.of(), DictionarySource.OPERATOR, null, Instant.EPOCH);
    }

    private static List<String> words(EnrichedDocument document) {
        return document.getTokens().stream().map(Token::getText).toList();
    }

    /**
     * A segmenter over a fixed scorer: the common words whole, every other character a word of its
     * own, and the invented names cut in one of two ways depending on the sentence, as a segmenter
     * that does not know a word hesitates over it.
     */
    private static Segmenter characterSegmenter() {
        List<Integer> chars = "张小凡来了南京市长江北霜月城墨渊阁我们今天看见里朋友山上发现美丽老师河边。".codePoints()
                .distinct().boxed().toList();
        ModelArtifact artifact = new ModelArtifact(Path.of("fake"), "fake-segmenter", "segmentation", "1", 64,
                CharVocabulary.of(chars), new LabelSet(List.of("B", "M", "E", "S")));
        Map<Integer, Integer> codePoints = new HashMap<>();
        chars.forEach(c -> codePoints.put(artifact.vocabulary().id(c), c));
        return Segmenter.of(artifact, new LexiconScorer(codePoints), null);
    }

    /** Scores B/M/E/S from a greedy longest match over a small lexicon. */
    private static final class LexiconScorer implements SequenceScorer {
        private static final List<String> COMMON = List.of("我们", "今天", "看见", "城里", "朋友", "山上", "发现",
                "美丽", "老师", "河边");
        private final Map<Integer, Integer> codePoints;

        LexiconScorer(Map<Integer, Integer> codePoints) {
            this.codePoints = codePoints;
        }

        @Override
        public int maxLength() {
            return 64;
        }

        @Override
        public List<SequenceScores> score(List<int[]> sequences) {
            List<SequenceScores> out = new ArrayList<>();
            for (int[] ids : sequences) {
                List<String> lexicon = new ArrayList<>(COMMON);
                lexicon.addAll(Arrays.hashCode(ids) % 2 == 0 ? List.of("霜月", "墨渊") : List.of("月城", "渊阁"));
                StringBuilder text = new StringBuilder();
                for (int id : ids) {
                    text.appendCodePoint(codePoints.getOrDefault(id, (int) '?'));
                }
                float[] emissions = new float[ids.length * 4];
                int t = 0;
                while (t < ids.length) {
                    int length = 1;
                    for (String word : lexicon) {
                        if (text.toString().startsWith(word, t)) {
                            length = word.length();
                        }
                    }
                    for (int k = 0; k < length; k++) { // B, M, E, S = 0, 1, 2, 3
                        emissions[(t + k) * 4 + (length == 1 ? 3 : k == 0 ? 0 : k == length - 1 ? 2 : 1)] = 1;
                    }
                    t += length;
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
