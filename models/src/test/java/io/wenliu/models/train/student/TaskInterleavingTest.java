package io.wenliu.models.train.student;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TaskInterleavingTest {

    /** A task of {@code examples} examples in batches of 10, each batch named task:pass:index. */
    private static TaskInterleaving.Task<String> task(String name, int examples) {
        return new TaskInterleaving.Task<>(name, examples, pass -> {
            List<String> batches = new ArrayList<>();
            for (int i = 0; i < (examples + 9) / 10; i++) {
                batches.add(name + ":" + pass + ":" + i);
            }
            Collections.shuffle(batches, new Random(pass));
            return batches;
        });
    }

    private final TaskInterleaving<String> interleaving = new TaskInterleaving<>(
            List.of(task("big", 10_000), task("small", 100)), 7L);

    @Test
    void shouldDrawTasksInProportionToTheSquareRootOfTheirSize() {
        // one pass is 1,000 + 10 batches; sqrt(10,000) : sqrt(100) = 10 : 1
        assertThat(interleaving.stepsPerEpoch()).isEqualTo(Map.of("big", 918, "small", 92));
        Map<String, Long> drawn = interleaving.epoch(1).stream()
                .collect(Collectors.groupingBy(b -> b.substring(0, b.indexOf(':')), Collectors.counting()));
        assertThat(drawn).isEqualTo(Map.of("big", 918L, "small", 92L));
    }

    @Test
    void shouldGiveTheSameOrderForTheSameEpoch() {
        List<String> first = interleaving.epoch(3);
        interleaving.epoch(1);
        assertThat(new TaskInterleaving<>(List.of(task("big", 10_000), task("small", 100)), 7L).epoch(3)).isEqualTo(first);
        assertThat(interleaving.epoch(3)).isEqualTo(first).isNotEqualTo(interleaving.epoch(4));
    }

    @Test
    void shouldWalkEachTaskThroughWholePassesAcrossEpochs() {
        // the small task's 10 batches a pass: epochs 1..5 take 460 of its batches, 46 whole passes
        List<String> small = new ArrayList<>();
        for (int epoch = 1; epoch <= 5; epoch++) {
            interleaving.epoch(epoch).stream().filter(b -> b.startsWith("small")).forEach(small::add);
        }
        assertThat(small).hasSize(460);
        for (int pass = 0; pass < 46; pass++) {
            assertThat(small.subList(pass * 10, pass * 10 + 10)).as("pass %d", pass)
                    .allMatch(b -> b.startsWith("small:")).doesNotHaveDuplicates();
        }
    }
}
