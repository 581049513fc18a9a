package io.wenliu.app.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

class TrainingOptionsTest {

    @Command(name = "fake-train")
    static final class FakeTrain {
        @Spec
        CommandSpec spec;
        @Mixin
        TrainingOptions training;
        @Mixin
        NetworkOptions network;
    }

    private static FakeTrain parse(String... args) {
        FakeTrain command = new FakeTrain();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void shouldWriteToTheModelsVersionDirectoryUnlessAnOutputIsGiven() {
        assertThat(parse("--artifact-version", "3").training.output("pos")).isEqualTo(Path.of("models/artifacts/pos/3"));
        assertThat(parse("--output", "/tmp/x").training.output("pos")).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void shouldLeaveTheModelsDefaultsWhenNoOverrideIsGiven() {
        FakeTrain command = parse();

        assertThat(command.training.epochs()).isNull();
        assertThat(command.network.dropout()).isNull();
        assertThat(command.network.dilations()).isNull();
        assertThat(command.network.warmStartFrom()).isNull();
        assertThat(command.network.averageDecay()).isNull();
        assertThat(command.network.wordPositions()).isNull();
    }

    @Test
    void shouldReadTheNetworkOverrides() {
        FakeTrain command = parse("--dropout", "0.2", "--dilations", "1,2,4,8", "--warm-start-from", "models/artifacts/segmenter/1");

        assertThat(command.network.dropout()).isEqualTo(0.2f);
        assertThat(command.network.dilations()).containsExactly(1, 2, 4, 8);
        assertThat(command.network.warmStartFrom()).isEqualTo(Path.of("models/artifacts/segmenter/1"));
    }

    @Test
    void shouldReadWeightAveragingAndWordPositionsEitherWay() {
        assertThat(parse("--average-decay", "0.999").network.averageDecay()).isEqualTo(0.999f);
        assertThat(parse("--word-positions").network.wordPositions()).isTrue();
        assertThat(parse("--no-word-positions").network.wordPositions()).isFalse();
    }

    @Test
    void shouldRejectAMissingDatasetsFolderAsAUsageError(@TempDir Path dir) {
        FakeTrain command = parse("--datasets", dir.resolve("absent").toString());

        assertThatThrownBy(() -> command.training.datasets(command.spec))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("No datasets folder at").hasMessageContaining("WENLIU_DATASETS_DIR");
        assertThat(parse("--datasets", dir.toString()).training.datasets(command.spec)).isEqualTo(dir);
    }

    @Test
    void shouldRecordTheWholeCommandLineForTheModelCard() {
        FakeTrain command = parse("--epochs", "2");

        assertThat(TrainingOptions.commandLine(command.spec)).isEqualTo("java -jar app/target/wenliu.jar --epochs 2");
    }
}
