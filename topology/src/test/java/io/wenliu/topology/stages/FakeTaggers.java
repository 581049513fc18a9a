package io.wenliu.topology.stages;

import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.ner.EntityRecognizer;
import io.wenliu.models.pos.PosTagger;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.vocab.CharVocabulary;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real recognizer and tagger over fake scores: each known character strongly prefers one tag,
 * every other character prefers the first label ({@code O}, {@code B-NOUN}).
 */
final class FakeTaggers {
    /** NER: 张三 is a person, 北京 a place, everything else outside. */
    static final Map<Character, String> ENTITY_TAGS = Map.of('张', "B-PER", '三', "I-PER", '北', "B-LOC", '京', "I-LOC");
    /** POS: 在 is a verb, 。 punctuation, everything else a noun. */
    static final Map<Character, String> POS_TAGS = Map.of('在', "B-VERB", '。', "B-PUNCT");

    private FakeTaggers() {
    }

    static EntityRecognizer recognizer(Scorer scorer) {
        return EntityRecognizer.of(scorer.artifact, scorer);
    }

    static PosTagger posTagger(Scorer scorer) {
        return PosTagger.of(scorer.artifact, scorer);
    }

    static Scorer nerScores() {
        return new Scorer("fake-ner", "ner", List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"), ENTITY_TAGS);
    }

    static Scorer posScores() {
        return new Scorer("fake-pos", "pos", List.of("B-NOUN", "I-NOUN", "B-VERB", "I-VERB", "B-PUNCT", "I-PUNCT"), POS_TAGS);
    }

    /** Scores by character preference, zero transitions; counts model calls. */
    static final class Scorer implements SequenceScorer {
        final ModelArtifact artifact;
        final AtomicInteger calls = new AtomicInteger();
        private final int[] tagOfId;
        private final int tags;

        private Scorer(String name, String task, List<String> labels, Map<Character, String> preferences) {
            List<Integer> chars = preferences.keySet().stream().map(c -> (int) c).toList();
            LabelSet labelSet = new LabelSet(labels);
            artifact = new ModelArtifact(Path.of("fake"), name, task, "3", 64, CharVocabulary.of(chars), labelSet);
            tagOfId = new int[artifact.vocabulary().size()];
            preferences.forEach((c, tag) -> tagOfId[artifact.vocabulary().id(c)] = labelSet.id(tag));
            tags = labels.size();
        }

        @Override
        public int maxLength() {
            return 64;
        }

        @Override
        public List<SequenceScores> score(List<int[]> sequences) {
            calls.incrementAndGet();
            List<SequenceScores> out = new ArrayList<>();
            for (int[] ids : sequences) {
                float[] emissions = new float[ids.length * tags];
                for (int t = 0; t < ids.length; t++) {
                    emissions[t * tags + tagOfId[ids[t]]] = 6;
                }
                out.add(new SequenceScores(emissions, 0, ids.length, new float[tags * tags]));
            }
            return out;
        }

        @Override
        public void close() {
        }
    }
}
