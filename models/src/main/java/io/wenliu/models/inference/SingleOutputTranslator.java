package io.wenliu.models.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Feeds a {@link TokenBatch} to a Wenliu SavedModel whose {@code serving_default} signature takes
 * {@value #INPUT_TOKEN_IDS} and reads back one named float output, row-major: the sentiment model's
 * per-chunk logits, the similarity model's embeddings. Every tensor comes from the call's context
 * manager, which DJL closes when the call returns. Immutable and thread-safe.
 */
public final class SingleOutputTranslator implements NoBatchifyTranslator<TokenBatch, float[]> {
    /** The input's name in the signature; DJL matches tensors by name. */
    public static final String INPUT_TOKEN_IDS = "token_ids";

    private final String output;
    private final String artifactKind;

    /**
     * @param output       the output's name in the signature, e.g. "logit"
     * @param artifactKind what the artifact should be, for the error when the output is missing
     */
    public SingleOutputTranslator(String output, String artifactKind) {
        this.output = output;
        this.artifactKind = artifactKind;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
        NDArray ids = ctx.getNDManager().create(batch.ids(), new Shape(batch.size(), batch.width()));
        ids.setName(INPUT_TOKEN_IDS);
        return new NDList(ids);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList outputs) {
        NDArray values = outputs.get(output);
        if (values == null) {
            throw new IllegalStateException("The model's outputs " + outputs.stream().map(NDArray::getName).toList()
                    + " lack '" + output + "'; is this a Wenliu " + artifactKind + " artifact?");
        }
        return values.toFloatArray();
    }
}
