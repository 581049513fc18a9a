package io.wenliu.models.train.bert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The resumable training loop every BERT head and the multi-task student share: epochs of batches under warm-up then linear decay, a
 * progress bar, a {@link FineTuningCheckpoint} every {@code checkpointEvery} steps and when the time
 * budget ends (a later run resumes at the same batch, step and schedule position), the epoch chosen
 * by its score on a validation split carved from the training data, and, once the run has finished,
 * the chosen weights put back into the session so that the caller can score dev with them.
 *
 * <p>What differs between heads (the examples, how a batch is fed, how validation is scored) is the
 * {@link Task}. Build the loop while building the graph (it adds the ops that restore the chosen
 * weights), then {@link #run} it on the initialised session. Not thread-safe.
 */
public final class FineTuningLoop {
    private static final Logger LOG = LoggerFactory.getLogger(FineTuningLoop.class);

    /** One head's part of a fine-tuning run. */
    public interface Task<B> {
        /**
         * The epoch's batches, in training order; the same for the same epoch in every run (so a
         * resumed run sees the same order), and equally many in every epoch.
         */
        List<B> batches(int epoch);

        /** Takes one optimizer step on {@code batch} at {@code learningRate}; returns the batch's loss. */
        float step(Session session, B batch, float learningRate);

        /** The padded tokens the step on {@code batch} computed, for the throughput figure. */
        long tokens(B batch);

        /** The validation metrics of the session's current weights, {@link #primaryMetric()} among them. */
        Map<String, Double> validation(Session session);

        /** The metric that chooses the epoch: higher is better, in [0, 1]. */
        String primaryMetric();
    }

    /**
     * What a run produced: the chosen weights (all trained variables) and how it went.
     *
     * @param validationScore the chosen epoch's validation score, or −1 when no epoch has finished
     * @param validation      all validation metrics of the chosen epoch
     * @param finished        whether every epoch ran (else the time budget stopped it)
     * @param epochLosses     the mean training loss of each epoch (or part of one) this call ran
     */
    public record Outcome(Map<String, float[]> weights, Map<String, long[]> shapes, double validationScore,
                          Map<String, Double> validation, int bestEpoch, boolean finished, long steps, List<Double> epochLosses, double tokensPerSecond) {
    }

    /**
     * How long and how fast a run trains.
     *
     * @param epochs          passes over the training data (the schedule decays to 0 at their end)
     * @param peakRate        the learning rate after warm-up
     * @param warmupShare     the share of all steps spent warming up
     * @param checkpointEvery steps between checkpoints (also written when the time budget ends)
     * @param timeBudget      when to stop (with a checkpoint to resume from)
     */
    public record Schedule(int epochs, float peakRate, float warmupShare, int checkpointEvery, Duration timeBudget) {
        public Schedule {
            if (epochs < 1 || checkpointEvery < 1) {
                throw new IllegalArgumentException("epochs and the checkpoint interval must be positive, got "
                        + epochs + " and " + checkpointEvery);
            }
        }
    }

    private final Map<String, Variable<TFloat32>> trained;
    private final Schedule settings;
    private final FineTuningCheckpoint checkpoint;
    private final Map<String, Placeholder<TFloat32>> chosen = new LinkedHashMap<>();
    private final List<Op> restoreChosen = new ArrayList<>();

    /** @param trained the variables the optimizer trains, by parameter name: what the run chooses and returns */
    public FineTuningLoop(Ops tf, Map<String, Variable<TFloat32>> trained, Schedule settings,
                          FineTuningCheckpoint checkpoint) {
        this.trained = trained;
        this.settings = settings;
        this.checkpoint = checkpoint;
        trained.forEach((name, v) -> {
            Placeholder<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(v.shape()));
            chosen.put(name, value);
            restoreChosen.add(tf.assign(v, value));
        });
    }

    /**
     * Trains (resuming from the checkpoint when there is one) until the last epoch ends or the time
     * budget is spent. When the run has finished, the session holds the chosen weights.
     */
    public <B> Outcome run(Session session, Task<B> task) {
        long totalSteps = (long) task.batches(1).size() * settings.epochs();
        WarmupLinearDecay schedule = new WarmupLinearDecay(settings.peakRate(),
                (long) (totalSteps * settings.warmupShare()), totalSteps);
        long deadline = System.nanoTime() + settings.timeBudget().toNanos();
        FineTuningCheckpoint.Position position = FineTuningCheckpoint.Position.start();
        if (checkpoint.exists()) {
            position = checkpoint.restore(session);
            LOG.info("Resuming from {} at epoch {}, batch {} (step {})", checkpoint.directory(), position.epoch(),
                    position.batch(), position.step());
        }
        Map<String, float[]> best = checkpoint.loadBest();
        List<Double> epochLosses = new ArrayList<>();
        long tokens = 0;
        long started = System.nanoTime();
        boolean outOfTime = false;
        for (int epoch = position.epoch(); epoch <= settings.epochs() && !outOfTime; epoch++) {
            List<B> batches = task.batches(epoch);
            int first = epoch == position.epoch() ? position.batch() : 0;
            try (ProgressBar bar = progressBar("epoch " + epoch + "/" + settings.epochs(), batches.size())) {
                bar.stepTo(first);
                double lossSum = 0;
                int seen = 0;
                for (int b = first; b < batches.size(); b++) {
                    long stepNumber = position.step();
                    lossSum += task.step(session, batches.get(b), schedule.rate(stepNumber));
                    seen++;
                    tokens += task.tokens(batches.get(b));
                    position = position.at(epoch, b + 1, stepNumber + 1);
                    bar.step();
                    bar.setExtraMessage(String.format(" loss %.4f, %.0f tokens/s", lossSum / seen,
                            tokens / ((System.nanoTime() - started) / 1e9)));
                    if (position.step() % settings.checkpointEvery() == 0) {
                        checkpoint.save(session, position);
                    }
                    if (System.nanoTime() > deadline) {
                        outOfTime = true;
                        break;
                    }
                }
                if (seen > 0) {
                    epochLosses.add(lossSum / seen);
                }
            }
            if (outOfTime) {
                checkpoint.save(session, position);
                LOG.info("Time budget of {} spent at epoch {}, batch {}: checkpoint saved in {}; run again to resume",
                        settings.timeBudget(), epoch, position.batch(), checkpoint.directory());
                break;
            }
            Map<String, Double> metrics = task.validation(session);
            double score = metrics.get(task.primaryMetric());
            LOG.info("epoch {}: validation {} {}", epoch, task.primaryMetric(), String.format("%.4f", score));
            if (score > position.bestScore()) {
                best = snapshot(session);
                checkpoint.saveBest(best);
                position = new FineTuningCheckpoint.Position(epoch, position.batch(), position.step(), score, epoch, metrics);
            }
            position = position.at(epoch + 1, 0, position.step());
            checkpoint.save(session, position);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, long[]> shapes = new LinkedHashMap<>();
        trained.forEach((name, v) -> shapes.put(name, v.shape().asArray()));
        Map<String, float[]> kept = best == null ? snapshot(session) : best;
        if (!outOfTime) {
            assign(session, kept, shapes);
        }
        return new Outcome(kept, shapes, position.bestScore(), position.bestMetrics(), position.bestEpoch(), !outOfTime, position.step(),
                epochLosses, tokens / Math.max(seconds, 1e-9));
    }

    private void assign(Session session, Map<String, float[]> values, Map<String, long[]> shapes) {
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try {
            chosen.forEach((name, placeholder) -> {
                TFloat32 t = TFloat32.tensorOf(Shape.of(shapes.get(name)), DataBuffers.of(values.get(name), true, false));
                fed.add(t);
                runner.feed(placeholder, t);
            });
            restoreChosen.forEach(runner::addTarget);
            runner.run();
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    private Map<String, float[]> snapshot(Session session) {
        Map<String, float[]> values = new LinkedHashMap<>();
        trained.forEach((name, v) -> {
            try (Result result = session.runner().fetch(v).run()) {
                TFloat32 t = (TFloat32) result.get(0);
                float[] copy = new float[Math.toIntExact(t.shape().size())];
                t.copyTo(DataBuffers.of(copy, false, false));
                values.put(name, copy);
            }
        });
        return values;
    }

    private static ProgressBar progressBar(String task, int steps) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).continuousUpdate().build();
    }
}
