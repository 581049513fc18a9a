package io.wenliu.models.train.bert;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.bert.BertConfig;
import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.CharacterPieces;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.crf.CrfDecoder;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.train.NerTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Fine-tuning a CRF tagger on a tiny random encoder (bge's vocabulary and tokenizer): it overfits a
 * handful of NER sentences (the loss falls and Viterbi decoding gives back the gold tags, Latin runs
 * and a sentence cut into chunks included), and a run stopped by its time budget and resumed from
 * its checkpoint ends in the same weights and scores as a run that was never stopped; the exported
 * artifact, materialized into a SavedModel with the tagging signature, gives back the learnt tags.
 */
class BertTaggerTrainerTest {
    private static final BertConfig TINY = new BertConfig(21128, 16, 2, 2, 32, 64, 2);
    private static final NerTask NER = NerTask.msra();
    private static BertTokenizer tokenizer;
    private static BertWeights weights;
    private static BertTaggerTrainer.Outcome overfit;

    @BeforeAll
    static void tinyEncoder() {
        tokenizer = BertTokenizer.bgeSmallZh();
        weights = TinyBert.randomWeights(TINY, new Random(5));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    /** A sentence from "text|tags", one tag letter per character: O, P(ER), L(OC), G (ORG); B/I from runs. */
    private static TaggedSequence sentence(String text, String types) {
        int[] codePoints = text.codePoints().toArray();
        int[] tags = new int[codePoints.length];
        for (int i = 0; i < codePoints.length; i++) {
            char type = types.charAt(i);
            String label = switch (type) {
                case 'P' -> "PER";
                case 'L' -> "LOC";
                case 'G' -> "ORG";
                default -> null;
            };
            tags[i] = label == null ? NER.labels().id("O")
                    : NER.labels().id((i > 0 && types.charAt(i - 1) == type ? "I-" : "B-") + label);
        }
        return new TaggedSequence(codePoints, tags);
    }

    private static List<TaggedSequence> sentences() {
        return List.of(
                sentence("张三在北京工作。", "PPOLLOOO"),
                sentence("李四去了上海和南京。", "PPOOLLOLLO"),
                sentence("微软公司用iPhone开会。", "GGGGOOOOOOOOOO"),
                sentence("王五说新华社在杭州。", "PPOGGGOLLO"),
                sentence("我们明天去广州看赵六。", "OOOOOLLOPPO"),
                sentence("今天天气很好。北京大学的学生去了天津。", "OOOOOOOGGGGOOOOOLLO"));
    }

    private static BertFineTuning settings(int epochs, Duration budget) {
        // 12 pieces per chunk: the last sentence is cut into two chunks at its full stop
        return new BertFineTuning(4, 14, epochs, 5e-3f, 0.1f, 0.01f, 1f, 0f, 1f, 3L, 1000, budget);
    }

    /** 60 epochs on the sentences, once for the tests that need a trained tagger. */
    private static synchronized BertTaggerTrainer.Outcome overfit(Path dir) {
        if (overfit == null) {
            overfit = new BertTaggerTrainer(weights, TINY, tokenizer, NER, settings(60, Duration.ofMinutes(5)),
                    new FineTuningCheckpoint(dir)).train(sentences(), sentences(), sentences());
        }
        return overfit;
    }

    @Test
    void shouldOverfitAHandfulOfSentences(@TempDir Path dir) {
        BertTaggerTrainer.Outcome outcome = overfit(dir);

        assertThat(new BertTaggerTrainer(weights, TINY, tokenizer, NER, settings(1, Duration.ZERO), new FineTuningCheckpoint(dir))
                .examples(sentences())).as("chunks").hasSizeGreaterThan(sentences().size());
        assertThat(outcome.finished()).isTrue();
        List<Double> losses = outcome.epochLosses();
        assertThat(losses.get(losses.size() - 1)).as("%s", losses).isLessThan(losses.get(0) * 0.1);
        assertThat(outcome.validationScore()).as("%s", outcome.validation()).isEqualTo(1.0);
        assertThat(outcome.dev().get(NER.evaluator().primaryMetric())).as("%s", outcome.dev()).isEqualTo(1.0);
        assertThat(outcome.weights()).doesNotContainKey("embeddings.word_embeddings.weight") // frozen
                .containsKeys("tagger.weight", "tagger.bias", "transitions", "encoder.layer.1.output.LayerNorm.bias");
    }

    @Test
    void shouldChooseOnEveryValidationPartAndReportEachOne(@TempDir Path dir) {
        // the same sentences with every entity's type rotated (PER -> LOC -> ORG -> PER): a tagger that
        // learnt the gold finds every span of the rotated part and never its type
        List<TaggedSequence> rotated = sentences().stream().map(s -> {
            int[] tags = s.tags().clone();
            for (int i = 0; i < tags.length; i++) {
                String label = NER.labels().label(tags[i]);
                if (!label.equals("O")) {
                    String type = switch (label.substring(2)) {
                        case "PER" -> "LOC";
                        case "LOC" -> "ORG";
                        default -> "PER";
                    };
                    tags[i] = NER.labels().id(label.substring(0, 2) + type);
                }
            }
            return new TaggedSequence(s.codePoints(), tags);
        }).toList();
        Map<String, List<TaggedSequence>> parts = new LinkedHashMap<>();
        parts.put("gold", sentences());
        parts.put("rotated", rotated);

        BertTaggerTrainer.Outcome outcome = new BertTaggerTrainer(weights, TINY, tokenizer, NER,
                settings(60, Duration.ofMinutes(5)), new FineTuningCheckpoint(dir)).train(sentences(), parts, sentences());

        assertThat(outcome.validation()).as("%s", outcome.validation())
                .containsEntry("gold.f1", 1.0).containsEntry("rotated.f1", 0.0).containsEntry("f1", 0.5);
        assertThat(outcome.validationScore()).isEqualTo(0.5);
    }

    @Test
    void shouldEndInTheSameWeightsWhenStoppedAndResumed(@TempDir Path once, @TempDir Path twice) {
        List<TaggedSequence> train = new ArrayList<>(sentences());
        BertTaggerTrainer.Outcome straight = new BertTaggerTrainer(weights, TINY, tokenizer, NER,
                settings(2, Duration.ofMinutes(5)), new FineTuningCheckpoint(once)).train(train, train, train);

        BertTaggerTrainer.Outcome stopped = new BertTaggerTrainer(weights, TINY, tokenizer, NER,
                settings(2, Duration.ZERO), new FineTuningCheckpoint(twice)).train(train, train, train);
        BertTaggerTrainer.Outcome resumed = new BertTaggerTrainer(weights, TINY, tokenizer, NER,
                settings(2, Duration.ofMinutes(5)), new FineTuningCheckpoint(twice)).train(train, train, train);

        assertThat(stopped.finished()).isFalse();
        assertThat(stopped.dev()).isEmpty();
        assertThat(stopped.steps()).isEqualTo(1);
        assertThat(resumed.finished()).isTrue();
        assertThat(resumed.steps()).isEqualTo(straight.steps());
        assertThat(resumed.bestEpoch()).isEqualTo(straight.bestEpoch());
        assertThat(resumed.dev()).isEqualTo(straight.dev());
        assertThat(resumed.validation()).containsKeys("precision", "recall", "f1").isEqualTo(straight.validation());
        straight.weights().forEach((name, values) ->
                assertThat(resumed.weights().get(name)).as(name).containsExactly(values, Offset.offset(1e-5f)));
    }

    @Test
    void shouldServeWhatItLearntFromTheExportedArtifact(@TempDir Path dir) throws IOException {
        BertTaggerTrainer.Outcome outcome = overfit(dir.resolve("checkpoint"));
        Path artifact = dir.resolve("ner/1");
        NER.labels().save(Files.createDirectories(artifact));
        TeacherArtifact.write(artifact, outcome.weights(), outcome.shapes(), new TeacherArtifact.Description("ner-test", "ner",
                "1", Map.of(), Map.of(), Map.of(), "test"), Map.of(), "test", Map.of());

        TeacherSavedModel.exportTagger(artifact, weights, TINY, dir.resolve("saved_model"));

        assertThat(TeacherSavedModel.artifact(artifact).labels().labels()).isEqualTo(NER.labels().labels());
        CrfDecoder viterbi = new CrfDecoder(NER.labels().size());
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.resolve("saved_model").toString(), "serve")) {
            for (TaggedSequence sentence : sentences()) {
                int[] predicted = new int[sentence.length()];
                for (CharacterPieces.Chunk chunk : CharacterPieces.chunks(tokenizer, sentence.codePoints(), 12, 16)) {
                    try (TInt32 ids = TInt32.tensorOf(Shape.of(1, chunk.ids().length), DataBuffers.of(chunk.ids(), true, false));
                         TInt32 pieces = TInt32.tensorOf(Shape.of(1, chunk.length()), DataBuffers.of(chunk.characterPieces(), true, false));
                         Result result = bundle.call(Map.of(TeacherSavedModel.INPUT_TOKEN_IDS, ids,
                                 TeacherSavedModel.INPUT_CHARACTER_PIECES, pieces))) {
                        int[] tags = viterbi.decode(values(result.get(TeacherSavedModel.OUTPUT_EMISSIONS).orElseThrow()),
                                values(result.get(TeacherSavedModel.OUTPUT_TRANSITIONS).orElseThrow()));
                        System.arraycopy(tags, 0, predicted, chunk.from(), tags.length);
                    }
                }
                assertThat(predicted).as(new String(sentence.codePoints(), 0, sentence.length())).containsExactly(sentence.tags());
            }
        }
    }

    private static float[] values(Tensor tensor) {
        TFloat32 t = (TFloat32) tensor;
        float[] values = new float[Math.toIntExact(t.shape().size())];
        t.copyTo(DataBuffers.of(values, false, false));
        return values;
    }
}
