package io.wenliu.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every model is trained, scored and benchmarked the same way: {@code train <model>}, {@code eval <model>}. */
class CommandShapeTest {

    @Test
    void shouldTrainAndScoreEveryModelAsASubcommand() {
        CommandLine root = WenliuMain.commandLine();

        assertThat(root.getSubcommands().get("train").getSubcommands())
                .containsOnlyKeys("segmenter", "ner", "pos", "sentiment", "similarity", "student", "student-spread", "student-ngrams", "teacher-sentiment", "teacher-similarity",
                        "teacher-ner", "teacher-segmenter", "teacher-pos", "teacher-targets");
        assertThat(root.getSubcommands().get("eval").getSubcommands())
                .containsOnlyKeys("segmenter", "ner", "pos", "sentiment", "similarity", "similar-documents");
        assertThat(root.getSubcommands().get("bench").getSubcommands())
                .containsOnlyKeys("segment", "ner", "sentiment", "pipeline", "models", "similarity-index", "chaos");
    }

    @Test
    void shouldAskForTheModelWhenNoneIsGiven() {
        StringWriter err = new StringWriter();
        int exit = WenliuMain.commandLine().setErr(new PrintWriter(err)).execute("train");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand").contains("segmenter").contains("sentiment");
    }

    @Test
    void shouldRejectWordPositionsForATaggerNotGivenWords() {
        StringWriter err = new StringWriter();
        int exit = WenliuMain.commandLine().setErr(new PrintWriter(err))
                .execute("train", "ner", "--word-positions", "--datasets", ".");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--word-positions is for taggers given words (pos), not ner");
    }

    @Test
    void shouldRejectCachePiecesLongerThanTheStudentReads() {
        StringWriter err = new StringWriter();
        int exit = WenliuMain.commandLine().setErr(new PrintWriter(err))
                .execute("train", "teacher-targets", "--max-piece-length", "129", "--datasets", ".");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--max-piece-length must be between 1 and 128");
    }
}
