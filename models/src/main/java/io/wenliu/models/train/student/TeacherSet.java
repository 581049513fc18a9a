package io.wenliu.models.train.student;

import io.wenliu.models.crf.CrfMarginals;
import io.wenliu.models.inference.CharacterTaggerArtifact;
import io.wenliu.models.inference.CharacterTagging;
import io.wenliu.models.inference.ScoredText;
import io.wenliu.models.inference.SequenceScorer;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.ner.EntityRecognizer;
import io.wenliu.models.pos.PosTagger;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.segment.Segmenter;
import io.wenliu.models.sentiment.SentimentModel;
import io.wenliu.models.sentiment.SentimentPrediction;
import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.similarity.SimilarityArtifact;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.text.NormalizedText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * The teachers a distillation cache is computed from, and how one text's {@link TeacherTargets.Text} is made:
 * each tagging teacher scores the text's normalized code points ({@link CharacterTagging#score}, as it does when
 * served), and {@link CrfMarginals} turns each piece's scores into per-character marginals and expected transition
 * counts, reordered to the student head's labels; the sentiment teacher gives its logit, the similarity teacher
 * its embedding of the text. Owns the teachers it opened: close it.
 */
public final class TeacherSet implements AutoCloseable {

    /**
     * A CRF teacher for one student head.
     *
     * @param scorer     the teacher's CRF scores (closed with the set)
     * @param inputOf    the teacher's input for each normalized code point
     * @param labels     the teacher's tag labels, by its tag id
     * @param name       the artifact, for the cache's header
     */
    public record Tagger(SequenceScorer scorer, IntUnaryOperator inputOf, List<String> labels, String name) {
    }

    /** Log-odds that each text is positive. */
    @FunctionalInterface
    public interface SentimentTeacher {
        float[] logits(List<String> texts) throws Exception;
    }

    /** A unit-length embedding of each text. */
    @FunctionalInterface
    public interface SimilarityTeacher {
        List<float[]> embed(List<String> texts) throws Exception;
    }

    /** The largest logit a probability rounded to float can give back (sigmoid(17) rounds to 1). */
    private static final double MAX_LOGIT = 16;

    private final Map<TaggingHead, Tagger> taggers;
    private final SentimentTeacher sentiment;
    private final SimilarityTeacher similarity;
    private final int embeddingDimension;
    private final Map<String, String> names;
    private final List<AutoCloseable> owned;

    /**
     * @param sentiment           null when there is no sentiment teacher
     * @param similarity          null when there is no similarity teacher
     * @param embeddingDimension  the similarity teacher's width (0 without one)
     * @param names               per task, the teacher's artifact, for the header
     * @param owned               closed with the set
     */
    public TeacherSet(Map<TaggingHead, Tagger> taggers, SentimentTeacher sentiment, SimilarityTeacher similarity,
                      int embeddingDimension, Map<String, String> names, List<AutoCloseable> owned) {
        this.taggers = new EnumMap<>(taggers);
        this.sentiment = sentiment;
        this.similarity = similarity;
        this.embeddingDimension = similarity == null ? 0 : embeddingDimension;
        this.names = Map.copyOf(names);
        this.owned = List.copyOf(owned);
        this.taggers.forEach((head, tagger) -> {
            List<String> missing = new ArrayList<>(head.labels().labels());
            missing.removeAll(tagger.labels());
            if (!missing.isEmpty() || tagger.labels().size() != head.labels().size()) {
                throw new IllegalArgumentException("The " + head.prefix() + " teacher " + tagger.name() + " tags " + tagger.labels()
                        + ", not the student head's " + head.labels().labels() + "; train it on the same corpus");
            }
        });
    }

    /**
     * Opens every teacher under {@code teachersDirectory} ({@code <task>/<version>}, the highest version): the
     * segmenter, POS and NER taggers, sentiment and similarity; a task without a folder has no teacher.
     *
     * @throws IllegalStateException when none is there, or one cannot be loaded
     */
    public static TeacherSet open(Path teachersDirectory, ModelSettings settings) {
        Map<TaggingHead, Tagger> taggers = new EnumMap<>(TaggingHead.class);
        Map<String, String> names = new LinkedHashMap<>();
        List<AutoCloseable> owned = new ArrayList<>();
        Map<TaggingHead, String> folders = Map.of(TaggingHead.SEGMENTATION, Segmenter.MODEL, TaggingHead.POS, PosTagger.MODEL,
                TaggingHead.NER, EntityRecognizer.MODEL);
        for (TaggingHead head : TaggingHead.values()) {
            Optional<Path> dir = ModelArtifact.latestVersion(teachersDirectory, folders.get(head));
            if (dir.isPresent()) {
                // a tagging teacher's manifest names its task as the head does: segmentation, pos, ner
                CharacterTaggerArtifact artifact = CharacterTaggerArtifact.open(dir.get(), head.prefix(), settings);
                owned.add(artifact.scorer());
                String name = teachersDirectory.relativize(dir.get()).toString();
                taggers.put(head, new Tagger(artifact.scorer(), artifact.inputOf(), artifact.artifact().labels().labels(), name));
                names.put(head.prefix(), name);
            }
        }
        SentimentTeacher sentiment = null;
        Optional<Path> sentimentDir = ModelArtifact.latestVersion(teachersDirectory, SentimentModel.MODEL);
        if (sentimentDir.isPresent()) {
            SentimentModel model = SentimentModel.open(sentimentDir.get(), settings);
            owned.add(model);
            sentiment = texts -> logits(model.classify(texts));
            names.put(SentimentModel.MODEL, teachersDirectory.relativize(sentimentDir.get()).toString());
        }
        SimilarityTeacher similarity = null;
        int dimension = 0;
        Optional<Path> similarityDir = ModelArtifact.latestVersion(teachersDirectory, SimilarityArtifact.MODEL);
        if (similarityDir.isPresent()) {
            SentenceEncoder encoder = SentenceEncoder.open(similarityDir.get(), settings.device(), settings.maxBatchSize());
            owned.add(encoder);
            similarity = encoder::encodeDocuments;
            dimension = encoder.dimension();
            names.put(SimilarityArtifact.MODEL, teachersDirectory.relativize(similarityDir.get()).toString());
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("No teacher under " + teachersDirectory.toAbsolutePath() + " (expected "
                    + "<task>/<version> folders: segmenter, pos, ner, sentiment, similarity); set --teachers");
        }
        return new TeacherSet(taggers, sentiment, similarity, dimension, names, owned);
    }

    private static float[] logits(List<SentimentPrediction> predictions) {
        float[] logits = new float[predictions.size()];
        for (int i = 0; i < logits.length; i++) {
            double p = predictions.get(i).positiveProbability();
            logits[i] = (float) Math.max(-MAX_LOGIT, Math.min(MAX_LOGIT, Math.log(p / (1 - p))));
        }
        return logits;
    }

    /** The header entries this set fills: per tagging head the student's labels, sentiment, embedding width. */
    public Map<String, List<String>> taggingLabels() {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        taggers.keySet().forEach(head -> labels.put(head.prefix(), head.labels().labels()));
        return labels;
    }

    public boolean hasSentiment() {
        return sentiment != null;
    }

    public int embeddingDimension() {
        return embeddingDimension;
    }

    /** Per task, the teacher artifact behind it. */
    public Map<String, String> names() {
        return names;
    }

    /** Every teacher's targets for each text (non-empty once normalized), in order. */
    public List<TeacherTargets.Text> targets(List<String> texts) throws Exception {
        List<NormalizedText> normalized = texts.stream().map(NormalizedText::of).toList();
        Map<TaggingHead, List<TeacherTargets.Tagging>> tagging = new EnumMap<>(TaggingHead.class);
        for (Map.Entry<TaggingHead, Tagger> entry : taggers.entrySet()) {
            Tagger tagger = entry.getValue();
            List<int[]> inputs = normalized.stream().map(t -> CharacterTagging.ids(t, tagger.inputOf())).toList();
            int[] headTag = headTags(entry.getKey(), tagger);
            tagging.put(entry.getKey(), CharacterTagging.score(tagger.scorer(), normalized, inputs).stream()
                    .map(scored -> tagging(scored, headTag)).toList());
        }
        float[] logits = sentiment == null ? null : sentiment.logits(texts);
        List<float[]> embeddings = similarity == null ? null : similarity.embed(texts);
        List<TeacherTargets.Text> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Map<TaggingHead, TeacherTargets.Tagging> byHead = new EnumMap<>(TaggingHead.class);
            int text = i;
            tagging.forEach((head, all) -> byHead.put(head, all.get(text)));
            out.add(new TeacherTargets.Text(texts.get(i), normalized.get(i).codePoints(), byHead,
                    logits == null ? Float.NaN : logits[i], embeddings == null ? new float[0] : embeddings.get(i)));
        }
        return out;
    }

    /** The student head's tag id of each of the teacher's tags. */
    private static int[] headTags(TaggingHead head, Tagger tagger) {
        return tagger.labels().stream().mapToInt(label -> head.labels().id(label)).toArray();
    }

    /** Marginals and expected transitions of a scored text, summed over its pieces, in the head's tag order. */
    static TeacherTargets.Tagging tagging(ScoredText scored, int[] headTag) {
        int k = headTag.length;
        float[] marginals = new float[scored.text().length() * k];
        float[] transitions = new float[k * k];
        for (ScoredText.Piece piece : scored.pieces()) {
            SequenceScores s = piece.scores();
            CrfMarginals crf = CrfMarginals.of(s.emissions(), s.offset(), s.length(), s.transitions(), k);
            for (int t = 0; t < s.length(); t++) {
                for (int tag = 0; tag < k; tag++) {
                    marginals[(piece.from() + t) * k + headTag[tag]] = (float) crf.marginal(t, tag);
                }
            }
            double[] expected = crf.expectedTransitions();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    transitions[headTag[i] * k + headTag[j]] += (float) expected[i * k + j];
                }
            }
        }
        return new TeacherTargets.Tagging(marginals, transitions);
    }

    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
