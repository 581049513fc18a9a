package io.wenliu.models.train;

import io.wenliu.models.crf.CrfDecoder;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Path;
import java.util.List;

/**
 * What makes one character-tagging task (segmentation, NER, joint POS) different from another:
 * how its corpora are read, its tags, where a long training sequence may be cut, and how
 * predictions are scored. Everything else — network, trainer, export — is shared.
 * Implementations are stateless.
 */
public interface TaggingTask {

    /** Artifact name, e.g. "segmenter-dgcnn-crf". */
    String modelName();

    /** The stage the model serves, e.g. "segmentation". */
    String taskName();

    /** Tagging scheme written to the manifest: BMES, BIO, … */
    String scheme();

    LabelSet labels();

    /** Reads a corpus file as tagged character sequences (whitespace removed). */
    List<TaggedSequence> read(Path file);

    /** Whether a sequence may be cut between position {@code i} and {@code i + 1} without splitting a unit. */
    boolean canCutAfter(int[] tags, int i);

    TagEvaluator evaluator();

    /**
     * Whether each position of a gold sequence begins a word, for a network given word positions
     * (see {@link TaggerHyperParameters#wordPositions()}); tasks whose words are not known up front
     * do not have them.
     */
    default boolean[] wordStarts(TaggedSequence sequence) {
        throw new UnsupportedOperationException(taskName() + " is not given words; train it without word positions");
    }

    /** How dev sequences are decoded for {@link #evaluator()}: by default Viterbi over all tag paths. */
    default SequenceDecoder devDecoder() {
        CrfDecoder viterbi = new CrfDecoder(labels().size());
        return (emissions, transitions, sequence) -> viterbi.decode(emissions, transitions);
    }

    /** One paragraph for the model card: what the model does and where the design comes from. */
    String description();
}
