package io.wenliu.models.inference;

import io.wenliu.models.text.NormalizedText;
import java.util.List;
import java.util.function.Function;

/**
 * A text's CRF scores as {@link CharacterTagging} returns them: one entry per piece the text was cut
 * into, in text order, together covering every position once.
 */
public record ScoredText(NormalizedText text, List<Piece> pieces) {

    /** The scores of the text's positions {@code [from, from + scores.length())}. */
    public record Piece(int from, SequenceScores scores) {
        /** The end of the piece, exclusive. */
        public int to() {
            return from + scores.length();
        }
    }

    /**
     * One tag per position of the text, each piece decoded on its own (a piece is a sequence of the
     * model: its ends are sequence ends) by {@code decodePiece}, which returns one tag per position of it.
     */
    public int[] decode(Function<Piece, int[]> decodePiece) {
        int[] path = new int[text.length()];
        for (Piece piece : pieces) {
            int[] tags = decodePiece.apply(piece);
            System.arraycopy(tags, 0, path, piece.from(), tags.length);
        }
        return path;
    }
}
