package io.wenliu.models.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosEvaluatorTest {
    private final PosTask task = new PosTask();
    private final LabelSet labels = task.labels();

    private int[] tags(String... names) {
        return java.util.Arrays.stream(names).mapToInt(labels::id).toArray();
    }

    @Test
    void shouldReadTreebankWordsAsBeginInsideTagsSkippingRangesAndComments(@TempDir Path dir) throws Exception {
        Path conll = dir.resolve("t.conll");
        Files.writeString(conll, "# sent_id = 1\n1\t看似\t_\tVERB\tVV\t_\t2\tcop\t_\t_\n1-2\tx\t_\t_\t_\t_\t_\t_\t_\t_\n"
                + "2\t，\t_\tPUNCT\t,\t_\t0\troot\t_\t_\n\n");

        List<TaggedSequence> read = task.read(conll);

        assertThat(read).hasSize(1);
        assertThat(read.get(0).codePoints()).containsExactly('看', '似', ','); // full-width comma normalized
        assertThat(read.get(0).tags()).containsExactly(tags("B-VERB", "I-VERB", "B-PUNCT"));
    }

    @Test
    void shouldScoreEachGoldWordByTheMajorityTypeOfItsCharacters() {
        // gold: 我们(PRON) 喜欢(VERB) 苹果(NOUN)
        TaggedSequence gold = new TaggedSequence(new int[6],
                tags("B-PRON", "I-PRON", "B-VERB", "I-VERB", "B-NOUN", "I-NOUN"));
        // predicted: right PRON; VERB/NOUN tie on 喜欢 → earliest (VERB) wins; 苹果 wrong
        int[] predicted = tags("B-PRON", "I-PRON", "B-VERB", "B-NOUN", "B-ADJ", "I-ADJ");

        Map<String, Double> scores = new PosEvaluator(labels).evaluate(List.of(gold), List.of(predicted));

        assertThat(scores.get("accuracy")).isEqualTo(2.0 / 3);
        assertThat(scores.get("words")).isEqualTo(3.0);
    }

    @Test
    void shouldDecodeDevSequencesWithinTheGoldWordsAsTheServiceDoes() {
        // gold: one two-character NOUN word; the scores alone would split it into NOUN + VERB
        TaggedSequence gold = new TaggedSequence(new int[2], tags("B-NOUN", "I-NOUN"));
        int k = labels.size();
        float[] emissions = new float[2 * k];
        emissions[labels.id("B-NOUN")] = 5f;
        emissions[k + labels.id("B-VERB")] = 5f;
        emissions[k + labels.id("I-NOUN")] = 1f;

        int[] decoded = task.devDecoder().decode(emissions, new float[k * k], gold);

        assertThat(decoded).containsExactly(tags("B-NOUN", "I-NOUN"));
    }
}
