package io.wenliu.models.train.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.models.text.NormalizedText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unlabelled pool reads the texts of every training split in its format, never a dev split, deduplicated; its
 * sample is seeded and bounded by characters, and long texts are cut at sentence ends into pieces that keep the
 * original text.
 */
class UnlabelledPoolTest {

    @Test
    void shouldReadTheTextsOfEveryTrainingSplitButNoDevSplit(@TempDir Path datasets) throws Exception {
        write(datasets, "msra_ner/train.bio", "我\tO\n们\tO\n\n北\tB-LOC\n京\tI-LOC\n");
        write(datasets, "msra_ner/dev.bio", "开\tO\n发\tO\n");
        write(datasets, "weibo_ner/train.conll", "科0\tO\n技1\tO\n");
        write(datasets, "ud_chinese_pos/train.conll", "# text = 看似简单\n1\t看似\t_\tVERB\n2\t简单\t_\tADJ\n\n");
        write(datasets, "zhuxian_pos/train.txt", "第六_OD 章_M\n");
        write(datasets, "sxu_cws/train.txt", "上海  推  “  迎  奥运  ”\n");
        write(datasets, "chnsenticorp/train.tsv", "label\ttext\n1\t房间很大\n0\t北京\n");
        write(datasets, "online_shopping_10_cats/train.tsv", "label\tcat\ttext\n1\t书籍\t好书\n");
        write(datasets, "atec/train.tsv", "sentence1\tsentence2\tlabel\n花呗\t借呗\t0\n");

        List<String> texts = UnlabelledPool.read(datasets);

        assertThat(texts).containsExactlyInAnyOrder("我们", "北京", "科技", "看似简单", "第六章", "上海推“迎奥运”", "房间很大",
                "好书", "花呗", "借呗");
        assertThat(UnlabelledPool.read(datasets, Set.of("atec", "chnsenticorp"))).containsExactly("花呗", "借呗", "房间很大", "北京");
        assertThatThrownBy(() -> UnlabelledPool.read(datasets, Set.of("atec", "lcqmc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[lcqmc]").hasMessageContaining("bq_corpus");
    }

    @Test
    void shouldDrawTheSameSampleForTheSameSeedUpToTheCharacterBound() {
        List<String> texts = List.of("一二三", "四五六七", "八九", "十", "甲乙丙丁戊", "己庚");

        List<String> sample = UnlabelledPool.sample(texts, 3L, 8, 128);

        assertThat(sample).isEqualTo(UnlabelledPool.sample(texts, 3L, 8, 128));
        long characters = sample.stream().mapToLong(t -> NormalizedText.of(t).length()).sum();
        assertThat(characters).isGreaterThanOrEqualTo(8).isLessThan(8 + 5);
        assertThat(UnlabelledPool.sample(texts, 3L, 0, 128)).containsExactlyInAnyOrderElementsOf(texts);
    }

    @Test
    void shouldCutLongTextsAtSentenceEndsKeepingTheOriginalText() {
        String text = "今天 天气很好。我们去公园散步吧！ＡＢＣ也来了。";

        List<String> pieces = UnlabelledPool.pieces(text, 10);

        assertThat(String.join("", pieces).replace(" ", "")).isEqualTo(text.replace(" ", ""));
        assertThat(pieces).allSatisfy(p -> assertThat(NormalizedText.of(p).length()).isBetween(1, 10));
        assertThat(pieces.get(0)).isEqualTo("今天 天气很好。");
        assertThat(UnlabelledPool.pieces("\u3000 ", 10)).isEmpty();
    }

    private static void write(Path datasets, String file, String content) throws Exception {
        Path path = datasets.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }
}
