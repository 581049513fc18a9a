package io.wenliu.models.train.bert;

import io.wenliu.models.bert.BertConfig;
import io.wenliu.models.bert.BertTokenizer;
import io.wenliu.models.bert.BertWeights;
import io.wenliu.models.train.classifier.LabeledText;
import io.wenliu.models.train.classifier.SentimentCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sentiment teacher's training run: bge-small-zh-v1.5 fine-tuned on ChnSentiCorp's train split,
 * the epoch chosen on a validation split carved from it (a seeded 10%), the dev split scored once at
 * the end and used for nothing else. Resumable: run it again with the same checkpoint directory.
 */
public final class TeacherSentimentTraining {
    private static final Logger LOG = LoggerFactory.getLogger(TeacherSentimentTraining.class);
    public static final String CORPUS = "chnsenticorp";
    private static final double VALIDATION_SHARE = 0.1;

    private TeacherSentimentTraining() {
    }

    /**
     * @param maxTexts train on a seeded sample of this many texts (after carving validation); 0 = all
     */
    public record Settings(Path datasets, Path checkpointDir, BertFineTuning fineTuning, int maxTexts) {
    }

    public static BertClassifierTrainer.Outcome run(Settings settings) {
        List<LabeledText> all = new ArrayList<>(SentimentCorpus.read(settings.datasets(), CORPUS, "train"));
        List<LabeledText> dev = SentimentCorpus.read(settings.datasets(), CORPUS, "dev");
        Collections.shuffle(all, new Random(settings.fineTuning().seed()));
        int validationSize = (int) Math.round(all.size() * VALIDATION_SHARE);
        List<LabeledText> validation = all.subList(0, validationSize);
        List<LabeledText> train = all.subList(validationSize, all.size());
        if (settings.maxTexts() > 0 && settings.maxTexts() < train.size()) {
            train = train.subList(0, settings.maxTexts());
        }
        LOG.info("{}: {} training texts, {} validation (carved from train), {} dev", CORPUS, train.size(),
                validation.size(), dev.size());
        BertWeights weights = BertWeights.bgeSmallZh();
        try (BertTokenizer tokenizer = BertTokenizer.bgeSmallZh()) {
            BertClassifierTrainer trainer = new BertClassifierTrainer(weights, weights.config(BertConfig.BGE_SMALL_ZH_HEADS),
                    tokenizer, settings.fineTuning(), new FineTuningCheckpoint(settings.checkpointDir()));
            return trainer.train(train, validation, dev);
        }
    }
}
