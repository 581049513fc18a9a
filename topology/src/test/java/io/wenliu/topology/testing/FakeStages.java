package io.wenliu.topology.testing;

import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.serdes.avro.Token;
import io.wenliu.topology.enrich.EnrichmentItem;
import io.wenliu.topology.enrich.EnrichmentStage;
import io.wenliu.topology.enrich.EnrichmentStageFactory;
import io.wenliu.topology.enrich.StageUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enrichment stages without models, for topology tests. Each factory records the batch sizes its
 * stages were called with and how many stages it opened and how many were closed.
 */
public final class FakeStages {
    /** The reason code {@link #rejecting} fails documents with. */
    public static final String REJECTED_CODE = "FAKE_REJECTED";

    private FakeStages() {
    }

    /**
     * Stage {@code segmentation}: each run of ASCII letters or digits is one token, every other
     * code point except whitespace is a token of its own (so an emoji is one token of two UTF-16 units).
     */
    public static Factory characterTokenizer() {
        return new Factory("segmentation", items -> {
            for (EnrichmentItem item : items) {
                item.output().setTokens(tokenize(item.text()));
            }
        });
    }

    /** Stage {@code picky}: fails the documents with the given ids with {@link #REJECTED_CODE}. */
    public static Factory rejecting(String... ids) {
        Set<String> rejected = Set.of(ids);
        return new Factory("picky", items -> {
            for (EnrichmentItem item : items) {
                if (rejected.contains(item.document().getId())) {
                    item.fail("picky", REJECTED_CODE, "document " + item.document().getId() + " is not welcome", null);
                }
            }
        });
    }

    /** Stage {@code fragile}: throws for the whole batch whenever it holds the document {@code poisonId}. */
    public static Factory throwingOn(String poisonId) {
        return new Factory("fragile", items -> {
            for (EnrichmentItem item : items) {
                if (item.document().getId().equals(poisonId)) {
                    throw new IllegalArgumentException("cannot digest " + poisonId);
                }
            }
        });
    }

    /**
     * Stage {@code sloppy}: gives the document {@code victimId} a token without text, which the
     * EnrichedDocument schema does not allow; other documents get no tokens at all.
     */
    public static Factory writingInvalidTokensFor(String victimId) {
        return new Factory("sloppy", items -> {
            for (EnrichmentItem item : items) {
                if (item.document().getId().equals(victimId)) {
                    item.output().setTokens(List.of(new Token(null, 0, 1, null)));
                }
            }
        });
    }

    /** Stage {@code bloating}: gives the document {@code victimId} {@code tokens} one-character tokens. */
    public static Factory bloating(String victimId, int tokens) {
        return new Factory("bloating", items -> {
            for (EnrichmentItem item : items) {
                if (item.document().getId().equals(victimId)) {
                    List<Token> many = new ArrayList<>(tokens);
                    for (int i = 0; i < tokens; i++) {
                        many.add(new Token("字", 0, 1, null));
                    }
                    item.output().setTokens(many);
                }
            }
        });
    }

    /** Stage {@code warping}: replaces the embedding of the document {@code victimId} with one that is not unit length. */
    public static Factory warpingEmbeddingOf(String victimId) {
        return new Factory("warping", items -> {
            for (EnrichmentItem item : items) {
                if (item.document().getId().equals(victimId) && item.output().getEmbedding() != null) {
                    item.output().setEmbedding(item.output().getEmbedding().stream().map(x -> x * 3).toList());
                }
            }
        });
    }

    /** Stage {@code unavailable}: throws {@link StageUnavailableException} on its first {@code times} calls. */
    public static Factory unavailable(int times) {
        AtomicInteger calls = new AtomicInteger();
        return new Factory("unavailable", items -> {
            if (calls.incrementAndGet() <= times) {
                throw new StageUnavailableException("unavailable", "the model is closed", null);
            }
        });
    }

    /** The tokens {@link #characterTokenizer()} finds. */
    public static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int end = i + Character.charCount(codePoint);
            if (isAsciiWordChar(codePoint)) {
                while (end < text.length() && isAsciiWordChar(text.charAt(end))) {
                    end++;
                }
            }
            if (!Character.isWhitespace(codePoint) && !Character.isSpaceChar(codePoint)) {
                tokens.add(new Token(text.substring(i, end), i, end, null));
            }
            i = end;
        }
        return tokens;
    }

    private static boolean isAsciiWordChar(int c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    /** What a fake stage does with a batch. */
    @FunctionalInterface
    public interface Behaviour {
        void enrich(List<EnrichmentItem> batch) throws Exception;
    }

    /** A factory of fake stages that records how they were used. Thread-safe. */
    public static final class Factory implements EnrichmentStageFactory {
        private final String name;
        private final Behaviour behaviour;
        private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        private final AtomicInteger opened = new AtomicInteger();
        private final AtomicInteger closed = new AtomicInteger();

        Factory(String name, Behaviour behaviour) {
            this.name = name;
            this.behaviour = behaviour;
        }

        @Override
        public String name() {
            return name;
        }

        /** The model this factory's stages claim to run. */
        public ModelVersion model() {
            return new ModelVersion(name, "fake-" + name, "test");
        }

        @Override
        public EnrichmentStage newStage() {
            opened.incrementAndGet();
            return new EnrichmentStage() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public List<ModelVersion> models() {
                    return List.of(model());
                }

                @Override
                public void enrich(List<EnrichmentItem> batch) throws Exception {
                    batchSizes.add(batch.size());
                    behaviour.enrich(batch);
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }

        /** Sizes of the batches the stages were called with, in call order. */
        public List<Integer> batchSizes() {
            return List.copyOf(batchSizes);
        }

        public int openedStages() {
            return opened.get();
        }

        public int closedStages() {
            return closed.get();
        }

        @Override
        public void close() {
        }
    }
}
