package io.wenliu.app.command;

import picocli.CommandLine.Command;

/** {@code wenliu eval <model>}: one subcommand per model, each scoring the deployed model on gold data. */
@Command(name = "eval", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "<model>",
        description = "Score a deployed model on gold data (default: the dev splits of the shared datasets).",
        subcommands = {SegmenterEvalCommand.class, TaggerEvalCommand.Ner.class, TaggerEvalCommand.Pos.class,
                SentimentEvalCommand.class, SimilarityEvalCommand.class, SimilarDocumentsEvalCommand.class})
public final class EvalCommand {
}
