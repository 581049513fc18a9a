package io.wenliu.models.train.student;

import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.text.NormalizedText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The teacher-target texts a student run distils from, and the weight of their losses: the cache's records that fit
 * the student's longest bucket and are not validation texts. A validation text (any task's, or a piece of one cut as
 * the cache cuts) is left out, because the teachers' answers on it are nearly its gold labels and the epoch is chosen
 * on it. Immutable; borrows the cache, which its opener closes.
 */
public final class DistillationSet {
    private static final Logger LOG = LoggerFactory.getLogger(DistillationSet.class);
    private static final DistillationSet NONE = new DistillationSet(null, 0, List.of());

    private final TeacherTargets targets;
    private final float weight;
    private final List<Integer> texts;

    private DistillationSet(TeacherTargets targets, float weight, List<Integer> texts) {
        this.targets = targets;
        this.weight = weight;
        this.texts = List.copyOf(texts);
    }

    /** No distillation: gold data only. */
    public static DistillationSet none() {
        return NONE;
    }

    /**
     * @param weight    multiplies every distillation loss
     * @param heldOut   the validation examples, whose texts are left out
     * @param maxLength the student's longest tagging bucket: longer records are left out
     */
    public static DistillationSet of(TeacherTargets targets, float weight, StudentCorpora heldOut, int maxLength) {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("The distillation weight must be positive, got " + weight);
        }
        Set<String> excluded = heldOutKeys(heldOut, targets.header().maxPieceLength());
        List<Integer> usable = new ArrayList<>();
        int tooLong = 0;
        for (int i = 0; i < targets.size(); i++) {
            if (targets.length(i) > maxLength) {
                tooLong++;
            } else if (!excluded.contains(key(targets.codePoints(i)))) {
                usable.add(i);
            }
        }
        LOG.info("Distilling from {} of {} cached texts ({} longer than {}, {} validation texts left out)", usable.size(),
                targets.size(), tooLong, maxLength, targets.size() - tooLong - usable.size());
        return new DistillationSet(targets, weight, usable);
    }

    private static Set<String> heldOutKeys(StudentCorpora heldOut, int maxPieceLength) {
        Set<String> keys = new HashSet<>();
        Stream<String> texts = Stream.concat(
                heldOut.tagging().values().stream().flatMap(List::stream).map(TaggedSequence::codePoints).map(DistillationSet::key),
                Stream.concat(heldOut.sentiment().stream().map(t -> t.text()),
                        heldOut.similarity().stream().flatMap(p -> Stream.of(p.first(), p.second()))));
        texts.forEach(text -> UnlabelledPool.pieces(text, maxPieceLength)
                .forEach(piece -> keys.add(key(NormalizedText.of(piece).codePoints()))));
        return keys;
    }

    private static String key(int[] codePoints) {
        return new String(codePoints, 0, codePoints.length);
    }

    public boolean isEmpty() {
        return texts.isEmpty();
    }

    /** The indices of the usable records in the cache, in cache order. */
    public List<Integer> texts() {
        return texts;
    }

    /** The cache; only when not {@link #isEmpty()}. */
    public TeacherTargets targets() {
        return targets;
    }

    public float weight() {
        return weight;
    }
}
