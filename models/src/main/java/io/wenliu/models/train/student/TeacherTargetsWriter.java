package io.wenliu.models.train.student;

import io.wenliu.models.train.student.TeacherTargets.Header;
import io.wenliu.models.train.student.TeacherTargets.Position;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link TeacherTargets} cache resumably:
 *
 * <ol>
 *   <li>writes the header, or checks that the cache already there has the same one (same teachers, sample and
 *       sizes), so that a resumed run appends to the cache it started;</li>
 *   <li>cuts the targets file back to the bytes its position file calls complete (a run killed mid-chunk leaves a
 *       partial record) and goes on from the next text;</li>
 *   <li>scores the texts in chunks ({@link TeacherSet#targets}), appends each chunk's records, forces them to disk,
 *       then moves a new position file into place; stops once the time budget is spent (after at least one chunk),
 *       with a progress bar in characters and the characters/s in the log.</li>
 * </ol>
 * So a run stopped anywhere and started again writes exactly the file one uninterrupted run writes. Not
 * thread-safe; one writer per folder.
 */
public final class TeacherTargetsWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TeacherTargetsWriter.class);

    /**
     * What a call did.
     *
     * @param written            texts written by this call
     * @param done               texts in the cache now
     * @param total              texts in the sample
     * @param charactersPerSecond normalized characters scored per second by this call
     */
    public record Outcome(int written, int done, int total, double charactersPerSecond) {
        public boolean finished() {
            return done == total;
        }
    }

    private final Path directory;
    private final int chunkSize;
    private final Duration timeBudget;

    /** @param chunkSize texts per teacher call and per position update */
    public TeacherTargetsWriter(Path directory, int chunkSize, Duration timeBudget) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive, got " + chunkSize);
        }
        this.directory = directory;
        this.chunkSize = chunkSize;
        this.timeBudget = timeBudget;
    }

    /**
     * Writes (or goes on writing) the targets of {@code texts} by {@code teachers}.
     *
     * @param header what the cache holds: built from the same texts and teachers each time
     */
    public Outcome write(List<String> texts, TeacherSet teachers, Header header) throws Exception {
        Files.createDirectories(directory);
        Path headerFile = directory.resolve(TeacherTargets.HEADER);
        if (Files.exists(headerFile)) {
            Header existing = TeacherTargets.JSON.readValue(headerFile.toFile(), Header.class);
            if (!existing.equals(header)) {
                throw new IllegalStateException("The cache in " + directory.toAbsolutePath() + " was started with " + existing
                        + ", not " + header + "; use another --output or delete that folder");
            }
        } else {
            replace(headerFile, TeacherTargets.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(header));
        }
        Position position = TeacherTargets.readPosition(directory);
        long started = System.nanoTime();
        long characters = 0;
        int first = position.texts();
        int done = first;
        try (FileChannel out = FileChannel.open(directory.resolve(TeacherTargets.TARGETS), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("teacher targets").setUnit(" chars", 1)
                     .setInitialMax(header.characters()).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000)
                     .continuousUpdate().build()) {
            out.truncate(position.bytes());
            out.position(position.bytes());
            bar.stepTo(position.characters());
            if (done > 0) {
                LOG.info("Resuming the teacher targets in {} at text {} of {}", directory, done, texts.size());
            }
            while (done < texts.size() && (done == first || elapsed(started).compareTo(timeBudget) < 0)) {
                List<String> chunk = texts.subList(done, Math.min(texts.size(), done + chunkSize));
                long chunkCharacters = 0;
                for (TeacherTargets.Text text : teachers.targets(chunk)) {
                    byte[] record = TeacherTargets.encode(header, text);
                    ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES + record.length).order(ByteOrder.LITTLE_ENDIAN);
                    buffer.putInt(record.length).put(record).flip();
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    chunkCharacters += text.length();
                }
                out.force(false); // the records reach the disk before the position that names them
                done += chunk.size();
                characters += chunkCharacters;
                position = new Position(done, out.position(), position.characters() + chunkCharacters);
                replace(directory.resolve(TeacherTargets.POSITION), TeacherTargets.JSON.writeValueAsBytes(position));
                bar.stepTo(position.characters());
            }
        }
        double seconds = Math.max(1e-9, elapsed(started).toNanos() / 1e9);
        Outcome outcome = new Outcome(done - first, done, texts.size(),
                characters / seconds);
        LOG.info("Teacher targets: {} of {} texts in {} ({} characters/s)", done, texts.size(), directory,
                String.format("%.0f", outcome.charactersPerSecond()));
        return outcome;
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void replace(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
