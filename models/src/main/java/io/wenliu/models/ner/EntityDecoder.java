package io.wenliu.models.ner;

import io.wenliu.models.crf.CrfDecoder;
import io.wenliu.models.crf.CrfMarginals;
import io.wenliu.models.inference.ScoredText;
import io.wenliu.models.inference.SequenceScores;
import io.wenliu.models.runtime.ModelArtifact;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.vocab.LabelSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns BIO scores of normalized texts into entities (steps 4 to 8 of {@link EntityRecognizer}): the atomic
 * runs' constraints, Viterbi per scored piece over valid or all BIO paths, no entity without a letter, each
 * entity's confidence by forward-backward, UTF-16 offsets and original spelling. The scores may come from a
 * recognizer's own model or from any network with the same labels, such as the student's NER head.
 * Immutable and thread-safe.
 */
public final class EntityDecoder {
    private static final String OUTSIDE = "O";

    private final CrfDecoder free;
    private final CrfDecoder constrained;
    private final LabelSet labels;
    /** Per tag id: the entity type, or null for O. */
    private final String[] typeOf;
    /** Per tag id: whether it is an I- tag. */
    private final boolean[] inside;
    /** Per type: its B- and I- tag ids. */
    private final Map<String, int[]> tagsOfType = new LinkedHashMap<>();
    /** The allowed-tag mask of a position that is never in an entity. */
    private final long outsideMask;

    /**
     * @param artifact the scores' labels ({@code O}, {@code B-X}, {@code I-X}) and the model they come from
     * @throws IllegalStateException when the labels are not BIO
     */
    public EntityDecoder(ModelArtifact artifact) {
        this.labels = artifact.labels();
        int n = labels.size();
        typeOf = new String[n];
        inside = new boolean[n];
        for (int id = 0; id < n; id++) {
            String label = labels.label(id);
            if (label.equals(OUTSIDE)) {
                continue;
            }
            if (!label.startsWith("B-") && !label.startsWith("I-") || label.length() < 3) {
                throw new IllegalStateException("The artifact " + artifact.directory() + " is not a BIO tagger: label '"
                        + label + "' is neither O nor B-<type> nor I-<type>");
            }
            typeOf[id] = label.substring(2);
            inside[id] = label.startsWith("I-");
        }
        for (String type : typeOf) {
            if (type != null && !tagsOfType.containsKey(type)) {
                try {
                    tagsOfType.put(type, new int[] {labels.id("B-" + type), labels.id("I-" + type)});
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("The artifact " + artifact.directory() + " has no B-/I- pair for "
                            + type + ": " + e.getMessage(), e);
                }
            }
        }
        boolean[] any = new boolean[n * n];
        boolean[] transitions = new boolean[n * n];
        boolean[] tied = new boolean[n * n];
        boolean[] first = new boolean[n];
        boolean[] all = new boolean[n];
        Arrays.fill(any, true);
        Arrays.fill(all, true);
        for (int to = 0; to < n; to++) {
            first[to] = !inside[to];
            for (int from = 0; from < n; from++) {
                transitions[from * n + to] = !inside[to] || typeOf[to].equals(typeOf[from]);
                // inside an atomic run: O stays O, an entity goes on
                tied[from * n + to] = typeOf[from] == null ? typeOf[to] == null : inside[to] && typeOf[to].equals(typeOf[from]);
            }
        }
        this.free = new CrfDecoder(n, any, all, all, tied);
        this.constrained = new CrfDecoder(n, transitions, first, all, tied);
        this.outsideMask = 1L << labels.id(OUTSIDE);
    }

    /** The entity types the labels hold, in label order. */
    public List<String> types() {
        return List.copyOf(tagsOfType.keySet());
    }

    /**
     * Character tags and entities of each scored text, in the order given.
     *
     * @param scored BIO scores in this decoder's label order, every position of each text scored once
     */
    public List<Recognition> decode(List<ScoredText> scored, EntityRecognizer.Decoding decoding) {
        CrfDecoder decoder = decoding == EntityRecognizer.Decoding.FREE ? free : constrained;
        List<Recognition> out = new ArrayList<>(scored.size());
        for (ScoredText scoredText : scored) {
            NormalizedText text = scoredText.text();
            List<String> tags = new ArrayList<>(text.length());
            List<NamedEntity> entities = new ArrayList<>();
            RunConstraints runs = runConstraints(text);
            for (ScoredText.Piece piece : scoredText.pieces()) {
                decodePiece(decoder, text, runs, piece.from(), piece.scores(), tags, entities);
            }
            out.add(new Recognition(text, tags, entities));
        }
        return out;
    }

    /** Decodes one piece starting at position {@code offset} of {@code text}, appending its tags and entities. */
    private void decodePiece(CrfDecoder decoder, NormalizedText text, RunConstraints runs, int offset,
                             SequenceScores score, List<String> tags, List<NamedEntity> entities) {
        int length = score.length();
        int[] path = decoder.decode(score.emissions(), score.offset(), length, score.transitions(), runs.allowed(),
                runs.tied(), offset);
        CrfMarginals marginals = null; // computed only for pieces that hold an entity
        int i = 0;
        while (i < length) {
            String type = typeOf[path[i]];
            if (type == null) {
                tags.add(OUTSIDE);
                i++;
                continue;
            }
            int[] typeTags = tagsOfType.get(type);
            int end = i + 1;
            while (end < length && inside[path[end]] && type.equals(typeOf[path[end]])) {
                end++;
            }
            if (!hasLetter(text, offset + i, offset + end)) { // emoji or punctuation only: never a name
                for (int k = i; k < end; k++) {
                    tags.add(OUTSIDE);
                }
                i = end;
                continue;
            }
            int[] spanPath = new int[end - i];
            Arrays.fill(spanPath, typeTags[1]);
            spanPath[0] = typeTags[0];
            for (int tag : spanPath) {
                tags.add(labels.label(tag));
            }
            if (marginals == null) {
                marginals = CrfMarginals.of(score.emissions(), score.offset(), length, score.transitions(), labels.size());
            }
            double confidence = marginals.pathProbabilityNotFollowedBy(i, spanPath, typeTags[1]);
            int from = text.start(offset + i);
            int to = text.end(offset + end - 1);
            entities.add(new NamedEntity(type, text.original().substring(from, to), from, to, confidence));
            i = end;
        }
    }

    /**
     * What the atomic runs of {@code text} allow: a URL, e-mail address, mention, hashtag or emoji is never
     * in an entity (its positions may only be O); inside a Latin word or a number every position is tied to
     * the one before, so an entity neither starts nor ends there.
     */
    private RunConstraints runConstraints(NormalizedText text) {
        if (text.runs().isEmpty()) {
            return RunConstraints.NONE;
        }
        int n = text.length();
        long[] allowed = null;
        boolean[] tied = new boolean[n];
        for (NormalizedText.Run run : text.runs()) {
            if (run.span().kind().isMarkup()) {
                if (allowed == null) {
                    allowed = new long[n];
                    Arrays.fill(allowed, -1L);
                }
                Arrays.fill(allowed, run.from(), run.to(), outsideMask);
            } else {
                Arrays.fill(tied, run.from() + 1, run.to(), true);
            }
        }
        return new RunConstraints(allowed, tied);
    }

    /** Per position of a text: allowed tags (null: any) and whether it is tied to the position before. */
    private record RunConstraints(long[] allowed, boolean[] tied) {
        static final RunConstraints NONE = new RunConstraints(null, null);
    }

    private static boolean hasLetter(NormalizedText text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLetter(text.codePoint(i))) {
                return true;
            }
        }
        return false;
    }

}
