package io.wenliu.models.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wenliu.models.text.NormalizedText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDictionaryTest {
    private static final byte F = UserDictionary.FREE;
    private static final byte S = UserDictionary.SPLIT;
    private static final byte J = UserDictionary.JOIN;

    @Test
    void shouldPinWholeWordsAndExactCuts() {
        UserDictionary dictionary = UserDictionary.parse(List.of("# comment", "", "+区块链", "-南京市|长江大桥"), "test");

        assertThat(dictionary.size()).isEqualTo(2);
        assertThat(gaps(dictionary, "看区块链"))
                .containsExactly(F, S, J, J, S);
        assertThat(gaps(dictionary, "南京市长江大桥"))
                .containsExactly(S, J, J, S, J, J, J, S);
    }

    @Test
    void shouldPreferTheLongestEntryAtThePositionAndSkipOverlaps() {
        UserDictionary dictionary = UserDictionary.parse(List.of("+中国", "+中国人", "+人民"), "test");

        assertThat(gaps(dictionary, "中国人民")).containsExactly(S, J, J, S, F); // 人民 overlaps 中国人
    }

    @Test
    void shouldMatchFullWidthAndUpperCaseSpellingsButNeverAcrossWhitespace() {
        UserDictionary dictionary = UserDictionary.parse(List.of("+iPhone"), "test");

        assertThat(gaps(dictionary, "买ＩＰＨＯＮＥ")).containsExactly(F, S, J, J, J, J, J, S);
        assertThat(gaps(dictionary, "iPh one")).containsExactly(F, F, F, F, F, F, F);
    }

    @Test
    void shouldRejectMalformedLinesNamingThem() {
        assertThatThrownBy(() -> UserDictionary.parse(List.of("+好", "南京"), "dict.txt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dict.txt line 2");
        assertThatThrownBy(() -> UserDictionary.parse(List.of("-南京"), "d")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> UserDictionary.parse(List.of("-南京||市"), "d")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> UserDictionary.parse(List.of("+南 京"), "d")).hasMessageContaining("line 1");
    }

    @Test
    void shouldReloadWhenTheFileChangesAndKeepTheLastGoodVersionWhenBroken(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("user.dict");
        Files.writeString(file, "+区块链\n", StandardCharsets.UTF_8);
        ReloadingUserDictionary reloading = new ReloadingUserDictionary(file);
        assertThat(reloading.current().size()).isEqualTo(1);

        Files.writeString(file, "+区块链\n+元宇宙\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
        assertThat(reloading.current().size()).isEqualTo(2);

        Files.writeString(file, "oops\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 4000));
        assertThat(reloading.current().size()).isEqualTo(2);

        Files.delete(file);
        assertThat(reloading.current().size()).isEqualTo(2);
    }

    @Test
    void shouldFailAtStartWhenTheFileIsMissing(@TempDir Path dir) {
        assertThatThrownBy(() -> new ReloadingUserDictionary(dir.resolve("absent.dict")))
                .hasMessageContaining("absent.dict");
    }

    private static byte[] gaps(UserDictionary dictionary, String text) {
        NormalizedText normalized = NormalizedText.of(text);
        byte[] gaps = new byte[normalized.length() + 1];
        dictionary.constrain(normalized, gaps);
        return gaps;
    }

    @Test
    void shouldApplyChangesOnTopOfAnotherDictionary() {
        UserDictionary seed = UserDictionary.parse(List.of("+区块链", "-南京市|长江大桥"), "seed");

        UserDictionary changed = seed.with(Map.of("张小凡", List.of("张小凡"), "南京市长江大桥",
                List.of("南京", "市长", "江大桥")));
        Map<String, List<String>> removal = new HashMap<>();
        removal.put("区块链", null);

        assertThat(changed.entries()).containsEntry("张小凡", List.of("张小凡"))
                .containsEntry("南京市长江大桥", List.of("南京", "市长", "江大桥")).containsKey("区块链");
        assertThat(changed.with(removal).entries()).doesNotContainKey("区块链").hasSize(2);
        assertThat(seed.size()).isEqualTo(2); // immutable
    }

    @Test
    void shouldFingerprintEntriesWhateverTheirOrder() {
        UserDictionary one = UserDictionary.parse(List.of("+区块链", "+张小凡"), "one");
        UserDictionary other = UserDictionary.parse(List.of("+张小凡", "+区块链"), "other");

        assertThat(one.fingerprint()).isEqualTo(other.fingerprint()).isNotZero();
        assertThat(UserDictionary.empty().fingerprint()).isZero();
        assertThat(UserDictionary.parse(List.of("+区块链", "-张|小凡"), "split").fingerprint()).isNotEqualTo(one.fingerprint());
    }

    @Test
    void shouldRefuseAnEntryWhosePiecesDoNotSpellIt() {
        assertThatThrownBy(() -> UserDictionary.of(Map.of("张小凡", List.of("张", "小")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("张小凡");
    }
}
