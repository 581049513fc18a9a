package io.wenliu.app.command;

import io.wenliu.app.command.bench.ChaosBenchCommand;
import io.wenliu.app.command.bench.PipelineBenchCommand;
import picocli.CommandLine.Command;

/** {@code wenliu bench …}: throughput measurements whose figures go into docs/BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput and latency (see docs/BENCHMARKS.md).",
        subcommands = {SegmentationBenchCommand.class, NerBenchCommand.class, SentimentBenchCommand.class,
                PipelineBenchCommand.class, ModelsBenchCommand.class, SimilarityIndexBenchCommand.class, ChaosBenchCommand.class})
public final class BenchCommand {
}
