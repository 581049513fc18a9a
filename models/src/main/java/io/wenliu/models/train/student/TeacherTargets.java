package io.wenliu.models.train.student;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wenliu.models.bert.HalfPrecisionWeights;
import io.wenliu.models.student.TaggingHead;
import io.wenliu.models.train.CrfTargets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A cache of what the teachers say about unlabelled texts, read back for distillation: per text, each tagging
 * teacher's per-character CRF marginals and expected transition counts, the sentiment teacher's logit and the
 * similarity teacher's embedding. Written once, resumably, by {@link TeacherTargetsWriter}.
 *
 * <p>Layout of a cache folder ({@code docs/STUDENT.md}):
 * <ul>
 *   <li>{@value #HEADER}: a {@link Header} as JSON: which teachers, their tag labels in the student heads' order,
 *       the embedding width, and how the texts were drawn;</li>
 *   <li>{@value #TARGETS}: the records, little-endian, one after another; each is {@code int32 size} (bytes after
 *       it), {@code int32 n} (normalized positions), {@code n × int32} normalized code points, {@code int32 u} and
 *       {@code u} bytes of the text in UTF-8; then for each tagging head of the header, in {@link TaggingHead}
 *       order, {@code n × tags} marginals and {@code tags × tags} expected transition counts, IEEE half
 *       precision; then the sentiment logit ({@code float32}) when there is a sentiment teacher; then the
 *       embedding ({@code dimension} halves) when there is a similarity teacher;</li>
 *   <li>{@value #POSITION}: how many texts and bytes of {@value #TARGETS} are complete (a resumed run cuts the
 *       file back to that length and goes on from that text).</li>
 * </ul>
 * The reader indexes the records once and reads each on demand, so a cache larger than the heap can be sampled.
 * Thread-safe (positional reads); owns an open file channel: close it.
 */
public final class TeacherTargets implements AutoCloseable {
    static final String HEADER = "header.json";
    static final String TARGETS = "targets.bin";
    static final String POSITION = "position.json";
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a cache holds and how its texts were drawn; a resumed run must have the same header.
     *
     * @param tagging            per tagging head with a teacher (by {@link TaggingHead#prefix()}), the head's labels,
     *                           the order of its marginals
     * @param sentiment          whether each record carries a sentiment logit
     * @param embeddingDimension width of each record's embedding, 0 when there is no similarity teacher
     * @param teachers           the teacher artifact behind each task (folder and version), for the record
     * @param texts              how many texts the sample holds
     * @param characters         how many normalized characters they hold
     * @param seed               the sample's seed
     * @param maxPieceLength     texts were cut at sentence ends into pieces of at most this many characters
     */
    public record Header(Map<String, List<String>> tagging, boolean sentiment, int embeddingDimension,
                         Map<String, String> teachers, int texts, long characters, long seed, int maxPieceLength) {

        /** The tagging heads with a teacher, in {@link TaggingHead} order. */
        public List<TaggingHead> heads() {
            return Arrays.stream(TaggingHead.values()).filter(h -> tagging.containsKey(h.prefix())).toList();
        }

        int tags(TaggingHead head) {
            return tagging.get(head.prefix()).size();
        }
    }

    /** A position file: the texts and bytes of the targets file that are complete. */
    record Position(int texts, long bytes, long characters) {
    }

    /**
     * One CRF teacher's view of a text.
     *
     * @param marginals   row-major [positions, tags], each row a distribution
     * @param transitions row-major [tags, tags], the expected number of each transition
     */
    public record Tagging(float[] marginals, float[] transitions) {
    }

    /**
     * The teachers' targets for one text.
     *
     * @param text           the piece of text as read (the sentiment and similarity teachers' input)
     * @param codePoints     its normalized code points ({@code NormalizedText}): the positions the tagging teachers
     *                       scored and the student reads
     * @param tagging        per tagging head with a teacher
     * @param sentimentLogit the sentiment teacher's log-odds that the text is positive; NaN without that teacher
     * @param embedding      the similarity teacher's unit-length embedding; empty without that teacher
     */
    public record Text(String text, int[] codePoints, Map<TaggingHead, Tagging> tagging, float sentimentLogit,
                       float[] embedding) {
        public int length() {
            return codePoints.length;
        }
    }

    private final Header header;
    private final FileChannel channel;
    private final long[] offsets;
    private final int[] lengths;

    private TeacherTargets(Header header, FileChannel channel, long[] offsets, int[] lengths) {
        this.header = header;
        this.channel = channel;
        this.offsets = offsets;
        this.lengths = lengths;
    }

    /**
     * Opens the complete records of the cache in {@code directory} (a run still going or stopped by its budget
     * leaves a readable prefix).
     *
     * @throws UncheckedIOException naming the folder when it holds no cache
     */
    public static TeacherTargets open(Path directory) {
        try {
            Header header = JSON.readValue(directory.resolve(HEADER).toFile(), Header.class);
            Position position = JSON.readValue(directory.resolve(POSITION).toFile(), Position.class);
            FileChannel channel = FileChannel.open(directory.resolve(TARGETS), StandardOpenOption.READ);
            long[] offsets = new long[position.texts()];
            int[] lengths = new int[offsets.length];
            ByteBuffer sizeAndLength = ByteBuffer.allocate(2 * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            long at = 0;
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = at;
                sizeAndLength.clear();
                readFully(channel, sizeAndLength, at);
                lengths[i] = sizeAndLength.getInt(Integer.BYTES);
                at += Integer.BYTES + sizeAndLength.getInt(0);
            }
            return new TeacherTargets(header, channel, offsets, lengths);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the teacher targets in " + directory.toAbsolutePath()
                    + "; write them with 'wenliu train teacher-targets --output " + directory + "'", e);
        }
    }

    public Header header() {
        return header;
    }

    /** The number of complete records. */
    public int size() {
        return offsets.length;
    }

    /** The normalized length of record {@code index}, from the index. */
    public int length(int index) {
        return lengths[index];
    }

    /** The normalized code points of record {@code index}, read from disk without the rest of it. */
    public int[] codePoints(int index) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES * lengths[index]).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, buffer, offsets[index] + 2L * Integer.BYTES);
            buffer.flip();
            int[] codePoints = new int[lengths[index]];
            buffer.asIntBuffer().get(codePoints);
            return codePoints;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read teacher-target record " + index, e);
        }
    }

    /** Record {@code index} (from 0), read from disk. */
    public Text get(int index) {
        try {
            ByteBuffer size = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, size, offsets[index]);
            ByteBuffer record = ByteBuffer.allocate(size.getInt(0)).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, record, offsets[index] + Integer.BYTES);
            record.flip();
            return decode(header, record);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read teacher-target record " + index, e);
        }
    }

    /** Every complete record, in order (for small caches and tests). */
    public List<Text> all() {
        List<Text> texts = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            texts.add(get(i));
        }
        return texts;
    }

    /** The CRF targets of a batch of records for {@code head}, padded to {@code length}. */
    public static CrfTargets crfTargets(List<Text> texts, TaggingHead head, int length, int tags) {
        float[] positions = new float[texts.size() * length * tags];
        float[] transitions = new float[tags * tags];
        for (int i = 0; i < texts.size(); i++) {
            Tagging t = texts.get(i).tagging().get(head);
            System.arraycopy(t.marginals(), 0, positions, i * length * tags, t.marginals().length);
            for (int k = 0; k < transitions.length; k++) {
                transitions[k] += t.transitions()[k];
            }
        }
        return new CrfTargets(texts.size(), length, tags, positions, transitions);
    }

    /** The record of {@code text} without its leading size. */
    static byte[] encode(Header header, Text text) {
        byte[] utf8 = text.text().getBytes(StandardCharsets.UTF_8);
        int n = text.length();
        long bytes = Integer.BYTES * (2L + n) + utf8.length;
        for (TaggingHead head : header.heads()) {
            int k = header.tags(head);
            bytes += 2L * ((long) n * k + (long) k * k);
        }
        bytes += (header.sentiment() ? Float.BYTES : 0) + 2L * header.embeddingDimension();
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(n);
        for (int cp : text.codePoints()) {
            out.putInt(cp);
        }
        out.putInt(utf8.length).put(utf8);
        for (TaggingHead head : header.heads()) {
            Tagging t = text.tagging().get(head);
            putHalves(out, t.marginals(), n * header.tags(head));
            putHalves(out, t.transitions(), header.tags(head) * header.tags(head));
        }
        if (header.sentiment()) {
            out.putFloat(text.sentimentLogit());
        }
        putHalves(out, text.embedding(), header.embeddingDimension());
        return out.array();
    }

    static Text decode(Header header, ByteBuffer in) {
        int n = in.getInt();
        int[] codePoints = new int[n];
        for (int i = 0; i < n; i++) {
            codePoints[i] = in.getInt();
        }
        byte[] utf8 = new byte[in.getInt()];
        in.get(utf8);
        Map<TaggingHead, Tagging> tagging = new EnumMap<>(TaggingHead.class);
        for (TaggingHead head : header.heads()) {
            int k = header.tags(head);
            tagging.put(head, new Tagging(halves(in, n * k), halves(in, k * k)));
        }
        float logit = header.sentiment() ? in.getFloat() : Float.NaN;
        return new Text(new String(utf8, StandardCharsets.UTF_8), codePoints, tagging, logit,
                halves(in, header.embeddingDimension()));
    }

    private static void putHalves(ByteBuffer out, float[] values, int expected) {
        if (values.length != expected) {
            throw new IllegalArgumentException("Expected " + expected + " values, got " + values.length);
        }
        for (float v : values) {
            out.putShort(HalfPrecisionWeights.toHalf(v));
        }
    }

    private static float[] halves(ByteBuffer in, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = HalfPrecisionWeights.toFloat(in.getShort());
        }
        return values;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        long position = at;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new IOException("The targets file ends inside a record at byte " + position);
            }
            position += read;
        }
    }

    static Position readPosition(Path directory) throws IOException {
        Path file = directory.resolve(POSITION);
        return Files.exists(file) ? JSON.readValue(file.toFile(), Position.class) : new Position(0, 0, 0);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
