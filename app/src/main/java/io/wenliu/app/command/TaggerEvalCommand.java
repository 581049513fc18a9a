package io.wenliu.app.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wenliu eval ner|pos}: entity P/R/F1 and POS accuracy through the serving code, see {@link TaggerEvaluation}. */
abstract class TaggerEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SegmenterOptions options;

    @Mixin
    GoldFileOptions gold;

    @Command(name = "ner", mixinStandardHelpOptions = true,
            description = "Entity precision, recall and F1 of the deployed NER model on BIO files (default: msra_ner/dev.bio).")
    public static final class Ner extends TaggerEvalCommand {
        @Override
        public Integer call() throws Exception {
            TaggerEvaluation.ner(options.settings(), gold.files(spec, "msra_ner/dev.bio"), spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "pos", mixinStandardHelpOptions = true,
            description = "Accuracy of the deployed POS tagger on CoNLL-U files given the gold words (default: ud_chinese_pos/dev.conll).")
    public static final class Pos extends TaggerEvalCommand {
        @Override
        public Integer call() throws Exception {
            TaggerEvaluation.pos(options.settings(), gold.files(spec, "ud_chinese_pos/dev.conll"), spec.commandLine().getOut());
            return 0;
        }
    }
}
