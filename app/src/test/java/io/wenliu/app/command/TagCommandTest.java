package io.wenliu.app.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.wenliu.models.ner.NamedEntity;
import io.wenliu.models.pos.TaggedWord;
import io.wenliu.models.text.NormalizedText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The output formats of {@code wenliu tag}; the commands with real models are in {@code TagCommandIT}. */
class TagCommandTest {

    @Test
    void shouldWriteOneCharacterAndTagPerLineSkippingWhitespaceThenABlankLine() {
        NormalizedText text = NormalizedText.of("😀 张三\u3000在");
        StringBuilder out = new StringBuilder();

        TagCommand.appendBio(out, text, List.of("O", "B-PER", "I-PER", "O"));

        assertThat(out.toString()).isEqualTo("😀\tO\n张\tB-PER\n三\tI-PER\n在\tO\n\n");
    }

    @Test
    void shouldWriteWordTagsAsBeginAndInsideTagsPerCharacter() {
        String line = "我们 喜欢😀";
        StringBuilder out = new StringBuilder();

        TagCommand.appendBio(out, line, List.of(new TaggedWord("我们", 0, 2, "PRON"), new TaggedWord("喜欢", 3, 5, "VERB"),
                new TaggedWord("😀", 5, 7, "SYM")));

        assertThat(out.toString()).isEqualTo("我\tB-PRON\n们\tI-PRON\n喜\tB-VERB\n欢\tI-VERB\n😀\tB-SYM\n\n");
    }

    @Test
    void shouldWriteAnEmptyLineForAnEmptyInputLine() {
        StringBuilder out = new StringBuilder();

        TagCommand.appendBio(out, NormalizedText.of(" "), List.of());

        assertThat(out.toString()).isEqualTo("\n");
    }

    @Test
    void shouldWriteEntitiesAndTokensAsOneJsonObjectPerLine() throws Exception {
        assertThat(TagCommand.entitiesJson("张三在北京", List.of(new NamedEntity("PER", "张三", 0, 2, 0.987654))))
                .isEqualTo("{\"text\":\"张三在北京\",\"entities\":[{\"type\":\"PER\",\"text\":\"张三\",\"start\":0,\"end\":2,"
                        + "\"confidence\":0.9877}]}");
        assertThat(TagCommand.entitiesJson("\"quoted\"\n", List.of()))
                .isEqualTo("{\"text\":\"\\\"quoted\\\"\\n\",\"entities\":[]}");
        assertThat(TagCommand.tokensJson("好", List.of(new TaggedWord("好", 0, 1, "ADJ"))))
                .isEqualTo("{\"text\":\"好\",\"tokens\":[{\"text\":\"好\",\"start\":0,\"end\":1,\"pos\":\"ADJ\"}]}");
    }
}
