package io.wenliu.models.train.student;

import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.text.NormalizedText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Teachers whose answers are known functions of the text, for tests of the distillation cache and of the
 * student learning from it: a segmentation tagger that is sure of a tag fixed by each character
 * ({@link #tagOf}), a sentiment teacher that counts "好" against "差", and a two-dimensional similarity teacher.
 * Test fixture.
 */
public final class FixedTeachers {
    /** How sure the fixed tagger is of its tag (its emission score; transitions are all zero). */
    public static final float CONFIDENCE = 6f;

    private FixedTeachers() {
    }

    /** The fixed tagger's tag of a code point: one of the four BMES tags. */
    public static int tagOf(int codePoint) {
        return Math.floorMod(codePoint * 7 + 3, 4);
    }

    /**
     * The similarity teacher's unit vector for {@code text}: its angle is the share of "好" less the share of "差"
     * (a quarter turn each way), something pooled character features can express.
     */
    public static float[] embeddingOf(String text) {
        double angle = Math.PI / 2 * (count(text, '好') - count(text, '差')) / Math.max(1, text.codePointCount(0, text.length()));
        return new float[] {(float) Math.cos(angle), (float) Math.sin(angle)};
    }

    public static TeacherSet create() {
        int k = TaggingHead.SEGMENTATION.labels().size();
        SequenceScorer scorer = new SequenceScorer() {
            @Override
            public int maxLength() {
                return 10; // shorter than some test texts: scored in pieces, as a real teacher scores long texts
            }

            @Override
            public List<SequenceScores> score(List<int[]> sequences) {
                List<SequenceScores> scores = new ArrayList<>();
                for (int[] s : sequences) {
                    float[] emissions = new float[s.length * k];
                    for (int t = 0; t < s.length; t++) {
                        emissions[t * k + tagOf(s[t])] = CONFIDENCE;
                    }
                    scores.add(new SequenceScores(emissions, 0, s.length, new float[k * k]));
                }
                return scores;
            }

            @Override
            public void close() {
            }
        };
        TeacherSet.Tagger tagger = new TeacherSet.Tagger(scorer, cp -> cp, TaggingHead.SEGMENTATION.labels().labels(),
                "fixed-segmenter");
        TeacherSet.SentimentTeacher sentiment = texts -> {
            float[] logits = new float[texts.size()];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = 2f * (count(texts.get(i), '好') - count(texts.get(i), '差'));
            }
            return logits;
        };
        TeacherSet.SimilarityTeacher similarity = texts -> texts.stream().map(FixedTeachers::embeddingOf).toList();
        return new TeacherSet(Map.of(TaggingHead.SEGMENTATION, tagger), sentiment, similarity, 2,
                Map.of("segmentation", "fixed-segmenter"), List.of());
    }

    /** The header of a cache of {@code texts} by these teachers, cut into pieces of at most {@code maxPieceLength}. */
    public static TeacherTargets.Header header(TeacherSet teachers, List<String> texts, int maxPieceLength) {
        long characters = texts.stream().mapToLong(t -> NormalizedText.of(t).length()).sum();
        return new TeacherTargets.Header(teachers.taggingLabels(), teachers.hasSentiment(), teachers.embeddingDimension(),
                teachers.names(), texts.size(), characters, 1L, maxPieceLength);
    }

    /** Writes these teachers' cache of {@code texts} into {@code dir} in one run. */
    public static void writeCache(Path dir, List<String> texts, int maxPieceLength) throws Exception {
        TeacherSet teachers = create();
        new TeacherTargetsWriter(dir, 16, Duration.ofMinutes(1)).write(texts, teachers, header(teachers, texts, maxPieceLength));
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(x -> x == c).count();
    }
}
