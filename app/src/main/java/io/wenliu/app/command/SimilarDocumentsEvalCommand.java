package io.wenliu.app.command;

import io.wenliu.models.similarity.DocumentNeighbours;
import io.wenliu.models.similarity.SentenceEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wenliu eval similar-documents}: what "similar earlier document" means with the deployed
 * similarity model. Reviews of online_shopping_10_cats stand for a stream; two reviews of the same
 * product category count as related. On a seeded sample of the train split it finds the lowest minimum
 * score at which the reported pairs are related with the target precision (the value for
 * {@code wenliu.similarity.min.score}); on a sample of dev, which chose nothing, it reports what that
 * score gives, and how often each document's nearest neighbour is related when documents are embedded
 * whole or from their first piece only.
 */
@Command(name = "similar-documents", mixinStandardHelpOptions = true,
        description = "Measure the similarity model's document scores on online_shopping_10_cats (same category = "
                + "related): the minimum score for a target precision, chosen on train, reported on dev.")
public final class SimilarDocumentsEvalCommand implements Callable<Integer> {
    private static final String CORPUS = "online_shopping_10_cats";

    @Spec
    private CommandSpec spec;

    @Mixin
    private SimilarityOptions options;

    @Mixin
    private DatasetsOption datasets;

    @Option(names = "--documents", defaultValue = "3000",
            description = "Reviews sampled from each split; every pair of them is scored (default: ${DEFAULT-VALUE}).")
    private int documents;

    @Option(names = "--precision", defaultValue = "0.9",
            description = "Share of reported pairs that must be related (default: ${DEFAULT-VALUE}).")
    private double precision;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the samples (default: ${DEFAULT-VALUE}).")
    private long seed;

    /** A review and its product category. */
    private record Review(String category, String text) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (SentenceEncoder encoder = options.open()) {
            out.printf(Locale.ROOT, "model %s v%s; %s, %d reviews per split, related = same category%n",
                    encoder.artifact().name(), encoder.artifact().version(), CORPUS, documents);
            List<Review> train = sample("train");
            DocumentNeighbours chooser = new DocumentNeighbours(encoder.encodeDocuments(texts(train)), categories(train));
            float minScore = chooser.minScoreFor(precision);
            out.printf(Locale.ROOT, "train sample: lowest minimum score with precision >= %.2f: %.4f%n", precision, minScore);

            List<Review> dev = sample("dev");
            DocumentNeighbours whole = new DocumentNeighbours(encoder.encodeDocuments(texts(dev)), categories(dev));
            DocumentNeighbours beginning = new DocumentNeighbours(encoder.encode(texts(dev)), categories(dev));
            out.printf(Locale.ROOT, "dev sample: nearest neighbour related %.4f embedding whole documents, %.4f their "
                    + "first piece only%n", whole.precisionAtOne(), beginning.precisionAtOne());
            out.println("dev sample, whole documents: minimum score -> pairs reported per document, share related");
            List<Float> scores = new ArrayList<>(List.of(0.5f, 0.7f, 0.8f, 0.9f, 0.95f, encoder.threshold()));
            if (!Float.isNaN(minScore)) {
                scores.add(minScore);
            }
            scores.stream().sorted().distinct().forEach(score -> {
                DocumentNeighbours.Links links = whole.linksAt(score);
                out.printf(Locale.ROOT, "  %.4f%s -> %.2f, %.4f%n", score, score == minScore ? " (chosen on train)"
                        : score == encoder.threshold() ? " (the model's same-meaning threshold)" : "",
                        2.0 * links.pairs() / dev.size(), links.precision());
            });
        }
        out.flush();
        return 0;
    }

    private List<Review> sample(String split) throws IOException {
        Path file = datasets.directory().resolve(CORPUS).resolve(split + ".tsv");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split("\t", -1));
        int category = header.indexOf("cat");
        int text = header.indexOf("text");
        if (category < 0 || text < 0) {
            throw new IllegalArgumentException(file + ": header " + header + " lacks 'cat' or 'text'");
        }
        List<Review> reviews = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", -1);
            if (fields.length == header.size() && !fields[text].isBlank()) {
                reviews.add(new Review(fields[category], fields[text]));
            }
        }
        Collections.shuffle(reviews, new Random(seed));
        return reviews.subList(0, Math.min(documents, reviews.size()));
    }

    private static List<String> texts(List<Review> reviews) {
        return reviews.stream().map(Review::text).toList();
    }

    private static List<String> categories(List<Review> reviews) {
        return reviews.stream().map(Review::category).toList();
    }
}
