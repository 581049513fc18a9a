package io.wenliu.app.command;

import io.wenliu.models.data.EntityTypes;
import io.wenliu.models.train.NerTask;
import io.wenliu.models.train.PosTask;
import io.wenliu.models.train.SegmentationTask;
import io.wenliu.models.train.TaggingTask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each character-tagging model is trained and scored on: its task and its corpora under
 * {@code --datasets}. Shared by {@code train segmenter|ner|pos} and their teachers
 * ({@code train teacher-segmenter|teacher-ner|teacher-pos}), so both learn the same convention.
 */
enum TaggingCorpus {
    SEGMENTER("segmenter", "msra_ner (MSR words)") {
        @Override
        TaggingTask task() {
            return new SegmentationTask();
        }

        // MSR convention only: sxu_cws and UD split words differently, so mixing them would blur the
        // convention the model is judged on; they are scored as extra dev sets instead.
        @Override
        List<Path> trainFiles(Path datasets) {
            return List.of(datasets.resolve("msra_ner/train.wordtag.txt"));
        }

        @Override
        Map<String, Path> devFiles(Path datasets) {
            Map<String, Path> dev = new LinkedHashMap<>();
            dev.put("msr", datasets.resolve("msra_ner/dev.wordtag.txt"));
            dev.put("sxu", datasets.resolve("sxu_cws/dev.txt"));
            return dev;
        }
    },
    NER("ner", "msra_ner") {
        @Override
        TaggingTask task() {
            return NerTask.msra();
        }

        @Override
        List<Path> trainFiles(Path datasets) {
            return List.of(datasets.resolve("msra_ner/train.bio"));
        }

        @Override
        Map<String, Path> devFiles(Path datasets) {
            return Map.of("msra", datasets.resolve("msra_ner/dev.bio"));
        }
    },
    POS("pos", "ud_chinese_pos") {
        @Override
        TaggingTask task() {
            return new PosTask();
        }

        // UD Chinese GSD (UPOS); zhuxian_pos uses the CTB tag set and another domain, so it is not mixed in.
        @Override
        List<Path> trainFiles(Path datasets) {
            return List.of(datasets.resolve("ud_chinese_pos/train.conll"));
        }

        @Override
        Map<String, Path> devFiles(Path datasets) {
            return Map.of("ud", datasets.resolve("ud_chinese_pos/dev.conll"));
        }
    };

    private final String model;
    private final String corpus;

    TaggingCorpus(String model, String corpus) {
        this.model = model;
        this.corpus = corpus;
    }

    /** The artifact folder name under the models directory. */
    String model() {
        return model;
    }

    /** The training corpus, for model cards. */
    String corpus() {
        return corpus;
    }

    abstract TaggingTask task();

    abstract List<Path> trainFiles(Path datasets);

    /** Dev sets by name; the first is the model's own (it chooses the checkpoint of the from-scratch trainer). */
    abstract Map<String, Path> devFiles(Path datasets);

    /**
     * The training file of the NER corpus that names entity types as {@code types} does (weibo_ner,
     * resume_ner, cluener2020), to train on beside msra_ner with its types mapped.
     */
    static Path nerTrainFile(Path datasets, EntityTypes types) {
        return datasets.resolve(switch (types) {
            case MSRA -> "msra_ner/train.bio";
            case WEIBO -> "weibo_ner/train.conll";
            case RESUME -> "resume_ner/train.bmes";
            case CLUENER -> "cluener2020/train.bio";
        });
    }

    /** The first of {@link #devFiles}. */
    Path devFile(Path datasets) {
        return devFiles(datasets).values().iterator().next();
    }
}
