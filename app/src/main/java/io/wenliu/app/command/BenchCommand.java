package io.wenliu.app.command;

import io.wenliu.app.command.bench.PipelineBenchCommand;
import picocli.CommandLine.Command;

/** {@code wenliu bench ...}: the benchmarks whose figures docs/BENCHMARKS.md reports. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; docs/BENCHMARKS.md lists their figures and the exact commands.",
        subcommands = {PipelineBenchCommand.class, SegmentationBenchCommand.class, NerBenchCommand.class})
public final class BenchCommand {
}
