package io.wenliu.app.command;

import io.wenliu.models.data.EntityTypes;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
        @Option(names = "--entity-types", defaultValue = "msra",
                description = "How the gold files name entity types, renamed to PER/LOC/ORG (other types count as outside): "
                        + "msra (as they are), weibo (named mentions; GPE is LOC), resume, cluener (default: ${DEFAULT-VALUE}).")
        private String entityTypes;

        @Override
        public Integer call() throws Exception {
            EntityTypes types;
            try {
                types = EntityTypes.valueOf(entityTypes.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--entity-types must be msra, weibo, resume or cluener, got '"
                        + entityTypes + "'");
            }
            TaggerEvaluation.ner(options.settings(), gold.files(spec, "msra_ner/dev.bio"), types, spec.commandLine().getOut());
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
