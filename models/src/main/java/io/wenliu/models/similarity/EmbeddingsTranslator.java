package io.wenliu.models.similarity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.wenliu.models.inference.TokenBatch;

/**
 * Feeds a {@link TokenBatch} to a Wenliu similarity SavedModel and reads back one embedding per
 * row, row-major. Every tensor comes from the call's context manager, which DJL closes when the call
 * returns. Stateless and thread-safe.
 */
public final class EmbeddingsTranslator implements NoBatchifyTranslator<TokenBatch, float[]> {
    /** Names in the SavedModel's {@code serving_default} signature; DJL matches tensors by name. */
    public static final String INPUT_TOKEN_IDS = "token_ids";
    public static final String OUTPUT_EMBEDDINGS = "embeddings";

    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
        NDArray ids = ctx.getNDManager().create(batch.ids(), new Shape(batch.size(), batch.width()));
        ids.setName(INPUT_TOKEN_IDS);
        return new NDList(ids);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList output) {
        NDArray embeddings = output.get(OUTPUT_EMBEDDINGS);
        if (embeddings == null) {
            throw new IllegalStateException("The model's outputs " + output.stream().map(NDArray::getName).toList()
                    + " lack '" + OUTPUT_EMBEDDINGS + "'; is this a Wenliu similarity artifact?");
        }
        return embeddings.toFloatArray();
    }
}
