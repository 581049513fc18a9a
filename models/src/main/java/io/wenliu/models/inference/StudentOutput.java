package io.wenliu.models.inference;

/**
 * What one pass of the one-pass student gives for one text ({@link StudentModel#run}).
 *
 * @param segmentation   the segmentation head's CRF scores (BMES), every position of the text scored once
 * @param pos            the part-of-speech head's CRF scores (B-/I-UPOS), read without word positions
 * @param ner            the NER head's CRF scores (BIO)
 * @param sentimentLogit log-odds that the text is positive: its pieces' logits averaged with their lengths as weights
 *                       (0 for a text with no characters)
 * @param pieces         how many pieces the text was cut into (0 for a text with no characters left after
 *                       whitespace removal)
 * @param embedding      the L2-normalised document embedding: its pieces' embeddings averaged with their lengths as
 *                       weights, then scaled to unit length; null for a text with no characters (it has no direction)
 */
public record StudentOutput(ScoredText segmentation, ScoredText pos, ScoredText ner, float sentimentLogit, int pieces,
                            float[] embedding) {
}
