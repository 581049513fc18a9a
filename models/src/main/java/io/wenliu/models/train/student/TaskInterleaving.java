package io.wenliu.models.train.student;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The order in which a multi-task run takes its tasks' batches: every step takes one task's batch, each
 * task drawn in proportion to the square root of its training size (so the small treebank is not drowned by
 * the big pair corpora, nor repeated as often as they are), the draws shuffled by the seed and the epoch.
 * An epoch takes as many steps as one pass over every task's data; a task walks through its own passes
 * (each shuffled by its {@code pass} function) across epochs. The same epoch always gives the same
 * batches in the same order, so a resumed run sees what an uninterrupted one did. Not thread-safe.
 *
 * @param <B> the batch type
 */
final class TaskInterleaving<B> {

    /**
     * One task's data.
     *
     * @param examples its training size, which weighs its share of the steps
     * @param pass     its batches in pass {@code p} (from 0): the same for the same {@code p}, equally many in every pass
     */
    record Task<B>(String name, int examples, IntFunction<List<B>> pass) {
    }

    private final List<Task<B>> tasks;
    private final long seed;
    private final int[] batchesPerPass;
    private final int[] stepsPerEpoch;
    private final Map<Long, List<B>> passes = new HashMap<>();

    TaskInterleaving(List<Task<B>> tasks, long seed) {
        this.tasks = List.copyOf(tasks);
        this.seed = seed;
        this.batchesPerPass = new int[tasks.size()];
        int total = 0;
        double weights = 0;
        for (int t = 0; t < tasks.size(); t++) {
            batchesPerPass[t] = tasks.get(t).pass().apply(0).size();
            if (batchesPerPass[t] == 0) {
                throw new IllegalArgumentException("Task " + tasks.get(t).name() + " has no training batches");
            }
            total += batchesPerPass[t];
            weights += Math.sqrt(tasks.get(t).examples());
        }
        this.stepsPerEpoch = new int[tasks.size()];
        for (int t = 0; t < tasks.size(); t++) {
            stepsPerEpoch[t] = Math.max(1, (int) Math.round(total * Math.sqrt(tasks.get(t).examples()) / weights));
        }
    }

    /** Steps each task gets per epoch, by task name. */
    Map<String, Integer> stepsPerEpoch() {
        Map<String, Integer> steps = new LinkedHashMap<>();
        for (int t = 0; t < tasks.size(); t++) {
            steps.put(tasks.get(t).name(), stepsPerEpoch[t]);
        }
        return steps;
    }

    /** The batches of epoch {@code epoch} (from 1), in training order. */
    List<B> epoch(int epoch) {
        List<Integer> draws = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            draws.addAll(Collections.nCopies(stepsPerEpoch[t], t));
        }
        Collections.shuffle(draws, new Random(seed * 31 + epoch));
        long[] next = new long[tasks.size()];
        for (int t = 0; t < tasks.size(); t++) {
            next[t] = (long) (epoch - 1) * stepsPerEpoch[t];
        }
        List<B> batches = new ArrayList<>(draws.size());
        passes.clear(); // an epoch needs at most the passes it spans; earlier ones are done with
        for (int t : draws) {
            long position = next[t]++;
            int pass = Math.toIntExact(position / batchesPerPass[t]);
            batches.add(pass(t, pass).get((int) (position % batchesPerPass[t])));
        }
        return batches;
    }

    private List<B> pass(int task, int pass) {
        return passes.computeIfAbsent(((long) task << 32) | pass, key -> tasks.get(task).pass().apply(pass));
    }
}
