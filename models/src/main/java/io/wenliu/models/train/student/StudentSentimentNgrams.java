package io.wenliu.models.train.student;

import io.wenliu.models.inference.StudentModel;
import io.wenliu.models.inference.StudentOutput;
import io.wenliu.models.runtime.ArtifactFiles;
import io.wenliu.models.runtime.ModelSettings;
import io.wenliu.models.student.SentimentNgrams;
import io.wenliu.models.text.NormalizedText;
import io.wenliu.models.train.SavedModelExporter;
import io.wenliu.models.train.classifier.LabeledText;
import io.wenliu.models.train.classifier.SentimentNgramsTrainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Trains the {@link SentimentNgrams} of an exported student on the sentiment texts it was trained on (the split its
 * manifest's seed carves) and writes them into the artifact, after measuring on its validation texts and on dev the
 * network alone, the n-grams alone and the two together ({@link SentimentNgrams#combine}, as served). The model card and the
 * manifest ({@code heads.sentiment.ngrams}) gain the figures. Stateless.
 */
public final class StudentSentimentNgrams {

    /** Accuracy of each sentiment reader on one split. */
    public record Accuracy(int texts, double network, double ngrams, double served) {
    }

    /**
     * @param validation the student's validation texts
     * @param dev        ChnSentiCorp dev
     * @param devUnseen  the ChnSentiCorp dev texts that occur in no training text
     */
    public record Result(Accuracy validation, Accuracy dev, Accuracy devUnseen) {
    }

    private StudentSentimentNgrams() {
    }

    /** Trains, measures and writes the n-grams of the student in {@code artifact}, replacing any it holds. */
    public static Result write(Path datasets, Path artifact, SentimentNgramsTrainer.Settings settings) throws IOException {
        Files.deleteIfExists(artifact.resolve(SentimentNgrams.FILE)); // the network alone is measured first
        StudentCorpora.Split split = StudentTraining.split(datasets, artifact);
        List<LabeledText> train = split.train().sentiment();
        List<LabeledText> validation = split.validation().sentiment();
        List<LabeledText> dev = StudentTraining.dev(datasets).sentiment();
        Set<String> trainKeys = new HashSet<>();
        train.forEach(t -> trainKeys.add(t.key()));
        List<LabeledText> devUnseen = dev.stream().filter(Predicate.not(t -> trainKeys.contains(t.key()))).toList();

        SentimentNgrams ngrams = SentimentNgramsTrainer.train(train, settings);
        Result result;
        try (StudentModel student = StudentModel.open(artifact, new ModelSettings(artifact.getParent(), "cpu", null, 64))) {
            result = new Result(measure(student, ngrams, validation), measure(student, ngrams, dev),
                    measure(student, ngrams, devUnseen));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot score the sentiment texts with the student in " + artifact + ": " + e.getMessage(), e);
        }
        ngrams.write(artifact);
        Files.writeString(artifact.resolve(SavedModelExporter.MODEL_CARD), card(settings, train.size(), result),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        ArtifactFiles.updateManifest(artifact, manifest -> {
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("file", SentimentNgrams.FILE);
            head.put("buckets", settings.buckets());
            head.put("maxOrder", settings.maxOrder());
            head.put("cost", settings.cost());
            head.put("trainingTexts", train.size());
            head.put("validationAccuracy", Map.of("network", result.validation().network(), "ngrams",
                    result.validation().ngrams(), "served", result.validation().served()));
            head.put("devAccuracy", Map.of("network", result.dev().network(), "ngrams", result.dev().ngrams(), "served",
                    result.dev().served()));
            manifest.withObject("/heads").withObject("/sentiment").putPOJO("ngrams", head);
        });
        return result;
    }

    private static Accuracy measure(StudentModel student, SentimentNgrams ngrams, List<LabeledText> gold) throws Exception {
        List<StudentOutput> outputs = student.run(gold.stream().map(LabeledText::text).toList());
        int network = 0;
        int alone = 0;
        int served = 0;
        for (int i = 0; i < gold.size(); i++) {
            boolean positive = gold.get(i).label() == 1;
            float networkLogit = outputs.get(i).sentimentLogit();
            float ngramLogit = ngrams.logit(NormalizedText.of(gold.get(i).text()).codePoints());
            network += (networkLogit > 0) == positive ? 1 : 0;
            alone += (ngramLogit > 0) == positive ? 1 : 0;
            served += (SentimentNgrams.combine(networkLogit, ngramLogit) > 0) == positive ? 1 : 0;
        }
        double n = Math.max(1, gold.size());
        return new Accuracy(gold.size(), network / n, alone / n, served / n);
    }

    private static String card(SentimentNgramsTrainer.Settings settings, int trainTexts, Result r) {
        StringBuilder card = new StringBuilder(String.format(Locale.ROOT, "%n## Sentiment n-grams (trained after export)%n%n"
                + "The sentiment head's probability is the mean of the network's and that of a linear model over the hashed "
                + "character 1- to %d-grams of the whole text (NBSVM with the logistic loss, LIBLINEAR, C = %s, %d buckets in half "
                + "precision: `%s`), trained on the %d sentiment texts the network was trained on. Accuracy:%n%n"
                + "| split | texts | network alone | n-grams alone | served (both) |%n|---|---:|---:|---:|---:|%n",
                settings.maxOrder(), settings.cost(), settings.buckets(), SentimentNgrams.FILE, trainTexts));
        row(card, "validation (carved from the training texts; where to choose settings)", r.validation());
        row(card, "ChnSentiCorp dev (reported only; chose nothing)", r.dev());
        row(card, "ChnSentiCorp dev, texts in no training text (reported only)", r.devUnseen());
        return card.toString();
    }

    private static void row(StringBuilder card, String split, Accuracy a) {
        card.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.4f |%n", split, a.texts(), a.network(), a.ngrams(),
                a.served()));
    }
}
