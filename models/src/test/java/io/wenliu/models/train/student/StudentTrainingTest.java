package io.wenliu.models.train.student;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.student.StudentHyperParameters;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.train.classifier.LabeledText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudentTrainingTest {
    private static final StudentHyperParameters HP = new StudentHyperParameters(16, 64, 8, List.of(1, 2), 3, 0f, 4, 10f, 0.2f,
            1e-2f, 0.05f, 8, 2, List.of(8, 16), 16, 1, 3L, 1000);

    @Test
    void shouldCutALongSentimentTextIntoPiecesThatEachKeepItsLabel() {
        String review = "房间很干净，服务也周到。早餐品种丰富，味道不错！位置离地铁站很近，出行方便。下次还会再来。";
        StudentCorpora corpora = new StudentCorpora(Map.of(), List.of(new LabeledText("hotel", review, 1),
                new LabeledText("hotel", "太差了。", 0)), List.of());

        List<LabeledText> pieces = StudentTraining.cut(corpora, HP).sentiment();

        assertThat(pieces).hasSizeGreaterThan(2);
        assertThat(pieces.subList(0, pieces.size() - 1)).allSatisfy(piece -> {
            assertThat(piece.label()).isEqualTo(1);
            assertThat(piece.corpus()).isEqualTo("hotel");
            assertThat(NormalizedText.of(piece.text()).length()).isLessThanOrEqualTo(HP.maxTextLength());
        });
        assertThat(String.join("", pieces.subList(0, pieces.size() - 1).stream().map(LabeledText::text).toList()))
                .isEqualTo(review);
        assertThat(pieces.get(pieces.size() - 1)).isEqualTo(new LabeledText("hotel", "太差了。", 0));
    }
}
