package io.wenliu.app.command;

import picocli.CommandLine.Command;

/** {@code wenliu bench …}: throughput measurements whose figures go into docs/BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput (see docs/BENCHMARKS.md).",
        subcommands = {SegmentationBenchCommand.class, SimilarityIndexBenchCommand.class})
public final class BenchCommand {
}
