package io.wenliu.models.train;

/** Unconstrained Viterbi over CRF scores, used to score dev sets while training. Stateless. */
final class SimpleViterbi implements SequenceDecoder {

    @Override
    public int[] decode(float[] emissions, float[] transitions, int length) {
        int k = transitions.length == 0 ? 0 : (int) Math.round(Math.sqrt(transitions.length));
        int[] path = new int[length];
        if (length == 0) {
            return path;
        }
        float[] score = new float[k];
        System.arraycopy(emissions, 0, score, 0, k);
        int[][] back = new int[length][k];
        float[] next = new float[k];
        for (int t = 1; t < length; t++) {
            for (int j = 0; j < k; j++) {
                int arg = 0;
                float best = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < k; i++) {
                    float s = score[i] + transitions[i * k + j];
                    if (s > best) {
                        best = s;
                        arg = i;
                    }
                }
                next[j] = best + emissions[t * k + j];
                back[t][j] = arg;
            }
            System.arraycopy(next, 0, score, 0, k);
        }
        int last = 0;
        for (int j = 1; j < k; j++) {
            if (score[j] > score[last]) {
                last = j;
            }
        }
        path[length - 1] = last;
        for (int t = length - 1; t > 0; t--) {
            path[t - 1] = back[t][path[t]];
        }
        return path;
    }
}
