package io.wenliu.models.sentiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.wenliu.models.inference.TokenBatch;

/**
 * Feeds a {@link TokenBatch} of chunks to a Wenliu sentiment SavedModel and reads back one
 * positive-class logit per chunk (combining chunks into documents is {@link SentimentClassifier}'s
 * job). Every tensor comes from the call's context manager, which DJL closes when the call returns.
 * Stateless and thread-safe.
 */
public final class SentimentTranslator implements NoBatchifyTranslator<TokenBatch, float[]> {
    /** Names in the SavedModel's {@code serving_default} signature; DJL matches tensors by name. */
    public static final String INPUT_TOKEN_IDS = "token_ids";
    public static final String OUTPUT_LOGIT = "logit";

    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
        NDArray ids = ctx.getNDManager().create(batch.ids(), new Shape(batch.size(), batch.width()));
        ids.setName(INPUT_TOKEN_IDS);
        return new NDList(ids);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList output) {
        NDArray logit = output.get(OUTPUT_LOGIT);
        if (logit == null) {
            throw new IllegalStateException("The model's outputs " + output.stream().map(NDArray::getName).toList()
                    + " lack '" + OUTPUT_LOGIT + "'; is this a Wenliu sentiment artifact?");
        }
        return logit.toFloatArray();
    }
}
