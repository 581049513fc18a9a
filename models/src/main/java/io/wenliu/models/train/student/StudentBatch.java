package io.wenliu.models.train.student;

import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.similarity.SentencePairs.Pair;
import io.wenliu.models.student.StudentNetwork;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.train.classifier.LabeledText;
import java.util.List;

/** One optimizer step's examples, all of one task. Immutable. */
sealed interface StudentBatch {

    /** The task whose loss the step takes: a {@link TaggingHead#prefix()}, sentiment or similarity. */
    String task();

    /** The padded positions the step computes, for the throughput figure. */
    long tokens();

    /** Tagged sentences of one head, padded to {@code length} (a bucket: the CRF is unrolled per length). */
    record Tagging(TaggingHead head, int length, List<TaggedSequence> sequences) implements StudentBatch {
        @Override
        public String task() {
            return head.prefix();
        }

        @Override
        public long tokens() {
            return (long) sequences.size() * length;
        }
    }

    /** Labelled sentiment texts, padded to {@code length}. */
    record Sentiment(int length, List<LabeledText> texts) implements StudentBatch {
        @Override
        public String task() {
            return StudentNetwork.SENTIMENT;
        }

        @Override
        public long tokens() {
            return (long) texts.size() * length;
        }
    }

    /** Sentence pairs; each side padded to {@code length}. */
    record Pairs(int length, List<Pair> pairs) implements StudentBatch {
        @Override
        public String task() {
            return StudentNetwork.SIMILARITY;
        }

        @Override
        public long tokens() {
            return 2L * pairs.size() * length;
        }
    }

    /**
     * Texts of one teacher-target cache (the {@code set}-th a run distils from; their indices in it), padded to
     * {@code length}: every teacher of that cache at once.
     */
    record Distilled(int set, int length, List<Integer> texts) implements StudentBatch {
        /** The task name of the first cache's distillation steps. */
        static final String TASK = "distillation";

        /** The task name of the {@code set}-th cache's steps: {@code distillation}, {@code distillation2}, ... */
        static String task(int set) {
            return set == 0 ? TASK : TASK + (set + 1);
        }

        @Override
        public String task() {
            return task(set);
        }

        @Override
        public long tokens() {
            return (long) texts.size() * length;
        }
    }
}
