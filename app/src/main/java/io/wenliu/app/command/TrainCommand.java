package io.wenliu.app.command;

import picocli.CommandLine.Command;

/** {@code wenliu train <model>}: one subcommand per model, each writing that model's artifact. */
@Command(name = "train", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "<model>",
        description = "Train a model on the corpora under --datasets and write its artifact directory.",
        subcommands = {TaggerTrainCommand.Segmenter.class, TaggerTrainCommand.Ner.class, TaggerTrainCommand.Pos.class,
                SentimentTrainCommand.class, SimilarityTrainCommand.class, StudentTrainCommand.class, StudentSpreadCommand.class,
                StudentNgramsCommand.class,
                TeacherSentimentTrainCommand.class, TeacherSimilarityTrainCommand.class, TeacherTaggerTrainCommand.Ner.class,
                TeacherTaggerTrainCommand.Segmenter.class, TeacherTaggerTrainCommand.Pos.class, TeacherTargetsCommand.class})
public final class TrainCommand {
}
