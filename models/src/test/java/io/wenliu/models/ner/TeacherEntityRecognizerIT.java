package io.wenliu.models.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wenliu.models.bert.BertConfig;
import io.wenliu.models.bert.BertTaggerNetwork;
import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.bert.CharacterPieces;
import io.wenliu.models.bert.HalfPrecisionWeights;
import io.wenliu.models.bert.OnnxGraph;
import io.wenliu.models.bert.PretrainedParameters;
import io.wenliu.models.bert.TeacherSavedModel;
import io.wenliu.models.bert.TeacherTaggerArtifacts;
import io.wenliu.models.graph.SeededDropout;
import io.wenliu.models.inference.BertTaggerModel;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.train.NerTask;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A teacher NER artifact (bge-small-zh's encoder, a random CRF head, stored as a fine-tuned artifact
 * is) served through DJL: the SavedModel is materialized from the Maven weights and the artifact's
 * half-precision ones, scores each character as the TF-Java graph over the same weights does, and
 * {@link EntityRecognizer#open} recognises the artifact and tags every character of a text.
 */
class TeacherEntityRecognizerIT {
    private static final List<String> TEXTS = List.of("张三在北京的微软公司工作。", "我用iPhone15在上海拍照，😀很开心！");

    @Test
    void shouldServeATeacherTaggerAsTheGraphComputesIt(@TempDir Path dir) throws Exception {
        BertWeights bge = BertWeights.bgeSmallZh();
        BertConfig config = bge.config(BertConfig.BGE_SMALL_ZH_HEADS);
        LabelSet labels = NerTask.msra().labels();
        int tags = labels.size();
        Path artifact = TeacherTaggerArtifacts.write(dir.resolve("teacher/ner/1"), bge, labels, EntityRecognizer.MODEL, 4);
        System.setProperty(TeacherSavedModel.CACHE_DIR_PROPERTY, dir.resolve("cache").toString());
        try {
            List<float[]> expected = graphEmissions(bge, config, tags, artifact);
            try (BertTaggerModel model = BertTaggerModel.load(artifact, "cpu", 2)) {
                List<SequenceScores> scores = model.score(TEXTS.stream().map(t -> t.codePoints().toArray()).toList());
                for (int i = 0; i < TEXTS.size(); i++) {
                    SequenceScores s = scores.get(i);
                    assertThat(s.length()).isEqualTo(TEXTS.get(i).codePointCount(0, TEXTS.get(i).length()));
                    assertThat(s.transitions()).containsExactly(HalfPrecisionWeights.read(artifact.resolve(TeacherSavedModel.WEIGHTS))
                            .get(BertTaggerNetwork.TRANSITIONS).values(), within(1e-6f));
                    for (int j = 0; j < s.length() * tags; j++) {
                        assertThat(s.emissions()[s.offset() + j]).as("text %d, score %d", i, j).isCloseTo(expected.get(i)[j], within(1e-4f));
                    }
                }
            }
            try (EntityRecognizer recognizer = EntityRecognizer.open(new ModelSettings(dir.resolve("teacher"), "cpu", null, 2))) {
                assertThat(recognizer.artifact().name()).isEqualTo("ner-bge-small-zh-test");
                List<Recognition> recognitions = recognizer.analyze(TEXTS);
                for (int i = 0; i < TEXTS.size(); i++) {
                    assertThat(recognitions.get(i).tags()).hasSize(recognitions.get(i).text().length());
                }
            }
        } finally {
            System.clearProperty(TeacherSavedModel.CACHE_DIR_PROPERTY);
        }
    }

    /** Each text's per-character emissions from the graph over the artifact's (half-precision) weights. */
    private static List<float[]> graphEmissions(BertWeights bge, BertConfig config, int tags, Path artifact) throws Exception {
        Map<String, OnnxGraph.Tensor> merged = new LinkedHashMap<>();
        bge.names().forEach(name -> merged.put(name, bge.get(name)));
        merged.putAll(HalfPrecisionWeights.read(artifact.resolve(TeacherSavedModel.WEIGHTS)));
        BertWeights weights = new BertWeights(merged);
        try (BertTokenizer tokenizer = BertTokenizer.bgeSmallZh(); Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            BertTaggerNetwork network = new BertTaggerNetwork(tf, config, tags,
                    new PretrainedParameters(tf, weights, Set.copyOf(weights.names()), null), new SeededDropout(tf, 0f, 0L));
            Placeholder<TInt32> ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            Placeholder<TInt32> pieces = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
            Operand<TFloat32> emissions = network.emissions(ids, pieces, false);
            return TEXTS.stream().map(text -> {
                CharacterPieces.Chunk chunk = CharacterPieces.chunks(tokenizer, text.codePoints().toArray(), 510, 510).get(0);
                try (TInt32 idsT = TInt32.tensorOf(Shape.of(1, chunk.ids().length), DataBuffers.of(chunk.ids(), true, false));
                     TInt32 piecesT = TInt32.tensorOf(Shape.of(1, chunk.length()), DataBuffers.of(chunk.characterPieces(), true, false));
                     Result result = session.runner().feed(ids, idsT).feed(pieces, piecesT).fetch(emissions).run()) {
                    TFloat32 out = (TFloat32) result.get(0);
                    float[] values = new float[Math.toIntExact(out.shape().size())];
                    out.copyTo(DataBuffers.of(values, false, false));
                    return values;
                }
            }).toList();
        }
    }
}
