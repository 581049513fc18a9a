package io.wenliu.app.command;

import io.wenliu.models.similarity.HashedNgramEmbedder;
import io.wenliu.models.similarity.SentenceEncoder;
import io.wenliu.models.similarity.SentencePairs;
import io.wenliu.models.train.classifier.SentimentCorpus;
import io.wenliu.models.vectors.EmbeddingSpread;
import io.wenliu.topology.similar.SimilarityIndexBenchmark;
import io.wenliu.topology.similar.SimilaritySettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu bench similarity-index}: streams real texts through the streaming similar-document index and
 * reports recall@k against brute-force search, documents per second, cosines computed a document and the index
 * stores' size ({@link SimilarityIndexBenchmark}). The texts: the shared similarity data sets' sentences (each
 * distinct sentence once, shuffled), or online_shopping_10_cats' training reviews, embedded whole as the stream
 * embeds documents.
 */
@Command(name = "similarity-index", mixinStandardHelpOptions = true,
        description = "Recall@k of the streaming similarity index against brute force, documents/s and store size.")
public final class SimilarityIndexBenchCommand implements Callable<Integer> {
    /** How texts become vectors. */
    public enum Embedder { model, ngrams }

    /** Which texts stream through the index. */
    public enum Texts { questions, reviews }

    @Spec
    private CommandSpec spec;

    @Mixin
    private SimilarityOptions options;

    @Mixin
    private DatasetsOption datasets;

    @Option(names = "--documents", defaultValue = "100000", description = "Documents to stream (default: ${DEFAULT-VALUE}).")
    private int documents;

    @Option(names = "--texts", defaultValue = "questions",
            description = "questions (the similarity data sets' sentences) or reviews (online_shopping_10_cats train, "
                    + "embedded whole) (default: ${DEFAULT-VALUE}).")
    private Texts textSet;

    @Option(names = "--embedder", defaultValue = "model",
            description = "model (the similarity artifact) or ngrams (hashed character n-grams, no model) (default: ${DEFAULT-VALUE}).")
    private Embedder embedder;

    @Option(names = "--bands", description = "LSH bands (default: the index default).")
    private Integer bands;

    @Option(names = "--rows", description = "Bits per band (default: the index default).")
    private Integer rows;

    @Option(names = "--bucket-cap", description = "Most documents per band bucket (default: the index default).")
    private Integer bucketCap;

    @Option(names = "--partitions", defaultValue = "4", description = "Index partitions (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--top-k", defaultValue = "10", description = "k of recall@k (default: ${DEFAULT-VALUE}).")
    private int topK;

    @Option(names = "--query-every", defaultValue = "50",
            description = "Every n-th document is checked against brute force (default: ${DEFAULT-VALUE}).")
    private int queryEvery;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String> texts = textSet == Texts.questions ? sentences() : reviews();
        out.printf(Locale.ROOT, "%d distinct %s%n", texts.size(), textSet == Texts.questions
                ? "sentences from bq_corpus, atec, chinese_stsb, lcqmc" : "online_shopping_10_cats training reviews");
        long start = System.nanoTime();
        Embedded embedded = embed(texts);
        List<float[]> vectors = embedded.vectors();
        out.printf(Locale.ROOT, "embedded with %s in %.1f s%n", embedder, (System.nanoTime() - start) / 1e9);
        SimilaritySettings defaults = SimilaritySettings.defaults(0.9f);
        SimilaritySettings settings = defaults.withBanding(bands != null ? bands : defaults.bands(),
                rows != null ? rows : defaults.rowsPerBand()).withScores(topK, -1f, 0.9f)
                .withRetention(defaults.maxAge(), Math.max(defaults.maxDocuments(), documents),
                        bucketCap != null ? bucketCap : defaults.maxBucketSize());
        SimilarityIndexBenchmark.Result result = SimilarityIndexBenchmark.run(vectors, embedded.spread(), settings,
                partitions, queryEvery, embedded.minScore());
        out.printf(Locale.ROOT, "bands %d x %d bits, %d partitions, bucket cap %d: recall@%d %.4f over %d queries "
                        + "(%.4f counting only neighbours with cosine >= %.3f, the reported ones), %.0f documents/s, "
                        + "%.0f lookups/s, %.0f cosines/document, store %.1f MB for %d document copies "
                        + "(%.0f bytes/document), heap retained %.1f MB%n",
                settings.bands(), settings.rowsPerBand(), partitions, settings.maxBucketSize(), topK, result.recallAtK(),
                result.queries(), result.recallAboveMin(), embedded.minScore(), result.documentsPerSecond(),
                result.documentsPerSecond() * settings.bands(), result.candidatesPerDoc(), result.storeBytes() / 1e6,
                result.storedEntries(), result.storeBytes() / (double) result.documents(), result.heapBytes() / 1e6);
        out.flush();
        return 0;
    }

    private List<String> sentences() {
        Set<String> distinct = new LinkedHashSet<>();
        for (String dataset : List.of("bq_corpus", "atec", "chinese_stsb", "lcqmc")) {
            for (String split : dataset.equals("lcqmc") ? List.of("dev") : List.of("train", "dev")) {
                for (SentencePairs.Pair pair : SentencePairs.read(datasets.directory(), dataset, split).pairs()) {
                    distinct.add(pair.first().strip());
                    distinct.add(pair.second().strip());
                }
            }
        }
        List<String> texts = new ArrayList<>(distinct);
        Collections.shuffle(texts, new Random(1));
        return texts.subList(0, Math.min(documents, texts.size()));
    }

    private List<String> reviews() {
        List<String> texts = new ArrayList<>(new LinkedHashSet<>(SentimentCorpus.read(datasets.directory(),
                "online_shopping_10_cats", "train").stream().map(review -> review.text().strip()).toList()));
        Collections.shuffle(texts, new Random(1));
        return texts.subList(0, Math.min(documents, texts.size()));
    }

    /**
     * @param spread   where the vectors lie, as the streaming index is given it (null: through the origin)
     * @param minScore the model's document minimum score: the neighbours the index reports
     */
    private record Embedded(List<float[]> vectors, EmbeddingSpread spread, float minScore) {
    }

    private Embedded embed(List<String> texts) throws Exception {
        if (embedder == Embedder.ngrams) {
            HashedNgramEmbedder ngrams = new HashedNgramEmbedder(128);
            return new Embedded(texts.stream().map(ngrams::embed).toList(), null, 0.5f);
        }
        try (SentenceEncoder encoder = options.open()) {
            List<float[]> vectors = textSet == Texts.questions ? encoder.encode(texts) : encoder.encodeDocuments(texts);
            return new Embedded(vectors, encoder.artifact().spread(), encoder.artifact().documentMinScore());
        }
    }
}
