package io.wenliu.models.train;

import io.wenliu.models.data.CharacterTags;
import io.wenliu.models.data.ConllCorpus;
import io.wenliu.models.data.TaggedSequence;
import io.wenliu.models.text.CharNormalizer;
import io.wenliu.models.pos.WordTagConstraints;
import io.wenliu.models.vocab.LabelSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Part-of-speech tagging as character tagging: each character of a word gets {@code B-<UPOS>} (first
 * character) or {@code I-<UPOS>}, so one model both finds word boundaries and types words. At serving
 * time a segmenter token takes the majority type of its characters, which keeps POS consistent with
 * whatever segmentation the service reports. Tag set: the 17 Universal Dependencies v1 UPOS tags.
 */
public final class PosTask implements TaggingTask {
    private final LabelSet labels;

    public PosTask() {
        this.labels = new LabelSet(CharacterTags.beginInside(CharacterTags.UPOS));
    }

    @Override
    public String modelName() {
        return "pos-dgcnn-crf";
    }

    @Override
    public String taskName() {
        return "pos";
    }

    @Override
    public String scheme() {
        return "BI-UPOS";
    }

    @Override
    public LabelSet labels() {
        return labels;
    }

    @Override
    public List<TaggedSequence> read(Path file) {
        List<TaggedSequence> out = new ArrayList<>();
        for (List<ConllCorpus.TaggedWord> sentence : ConllCorpus.read(file)) {
            List<Integer> chars = new ArrayList<>();
            List<Integer> tags = new ArrayList<>();
            for (ConllCorpus.TaggedWord word : sentence) {
                boolean first = true;
                for (int cp : word.word().codePoints().toArray()) {
                    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                        continue;
                    }
                    chars.add(CharNormalizer.normalize(cp));
                    tags.add(labels.id((first ? "B-" : "I-") + word.pos()));
                    first = false;
                }
            }
            if (!chars.isEmpty()) {
                out.add(new TaggedSequence(chars.stream().mapToInt(Integer::intValue).toArray(),
                        tags.stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        return out;
    }

    @Override
    public boolean canCutAfter(int[] tags, int i) {
        return i + 1 >= tags.length || labels.label(tags[i + 1]).startsWith("B-");
    }

    /** Decodes within the gold words, as the service tags the segmenter's words (one type per word). */
    @Override
    public SequenceDecoder devDecoder() {
        WordTagConstraints constraints = new WordTagConstraints(labels);
        return (emissions, transitions, sequence) -> constraints.decodeWords(emissions, transitions, wordStarts(sequence));
    }

    /** The gold words: a {@code B-} tag begins one. */
    @Override
    public boolean[] wordStarts(TaggedSequence sequence) {
        boolean[] startsWord = new boolean[sequence.length()];
        for (int i = 0; i < startsWord.length; i++) {
            startsWord[i] = labels.label(sequence.tags()[i]).startsWith("B-");
        }
        return startsWord;
    }

    @Override
    public TagEvaluator evaluator() {
        return new PosEvaluator(labels);
    }

    @Override
    public String description() {
        return "Part-of-speech tagger (Universal Dependencies UPOS, 17 tags): a character tagger whose tags are "
                + "B-<UPOS>/I-<UPOS>, with character and hashed character-bigram embeddings, residual gated dilated "
                + "convolution blocks (DGCNN) and a linear-chain CRF. Given the words, Viterbi gives each word's first "
                + "character a B- tag and its others I- tags of one type, so every word gets one tag; dev accuracy is "
                + "measured so, per gold word (gold segmentation), exactly as the service tags the segmenter's words.";
    }
}
