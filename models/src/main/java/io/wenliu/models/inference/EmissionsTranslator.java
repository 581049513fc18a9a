package io.wenliu.models.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Feeds a {@link TokenBatch} to a Wenliu tagger SavedModel and reads back its CRF scores. Decoding
 * is left to the caller, which may constrain it. Every tensor comes from the call's context manager,
 * which DJL closes when the call returns, so no native memory outlives a call. Stateless and
 * thread-safe.
 */
public final class EmissionsTranslator implements NoBatchifyTranslator<TokenBatch, EmissionScores> {
    /** Names in the SavedModel's {@code serving_default} signature; DJL matches tensors by name. */
    public static final String INPUT_TOKEN_IDS = "token_ids";
    public static final String OUTPUT_EMISSIONS = "emissions";
    public static final String OUTPUT_TRANSITIONS = "transitions";
    private static final String BATCH = "batch";

    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
        ctx.setAttachment(BATCH, batch);
        NDArray ids = ctx.getNDManager().create(batch.ids(), new Shape(batch.size(), batch.width()));
        ids.setName(INPUT_TOKEN_IDS);
        return new NDList(ids);
    }

    @Override
    public EmissionScores processOutput(TranslatorContext ctx, NDList output) {
        TokenBatch batch = (TokenBatch) ctx.getAttachment(BATCH);
        return scores(output, batch.size(), batch.width());
    }

    /** The CRF scores in a tagger's {@code output}, for {@code size} sequences padded to {@code width}. */
    static EmissionScores scores(NDList output, int size, int width) {
        NDArray emissions = output.get(OUTPUT_EMISSIONS);
        NDArray transitions = output.get(OUTPUT_TRANSITIONS);
        if (emissions == null || transitions == null) {
            throw new IllegalStateException("The model's outputs " + output.stream().map(NDArray::getName).toList() + " lack '"
                    + OUTPUT_EMISSIONS + "' or '" + OUTPUT_TRANSITIONS + "'; is this a Wenliu tagger artifact?");
        }
        int tags = (int) transitions.getShape().get(0);
        return new EmissionScores(emissions.toFloatArray(), transitions.toFloatArray(), size, width, tags);
    }
}
