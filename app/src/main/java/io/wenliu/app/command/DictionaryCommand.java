package io.wenliu.app.command;

import io.wenliu.app.config.WenliuConfig;
import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.DictionaryAction;
import io.wenliu.serdes.avro.DictionaryEntry;
import io.wenliu.serdes.avro.DictionarySource;
import io.wenliu.serdes.avro.DiscoveredWord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wenliu dictionary list|add|remove|accept}: reads and writes the dictionary topic that every
 * running instance applies to segmentation within seconds.
 */
@Command(name = "dictionary", mixinStandardHelpOptions = true,
        description = "Read or change the segmentation dictionary topic every instance applies live.")
public final class DictionaryCommand {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Command(name = "list", description = "Print the dictionary: word, action, pieces, source, score, time.")
    int list() {
        WenliuConfig config = configOptions.load();
        PrintWriter out = spec.commandLine().getOut();
        read(config, config.words().dictionaryTopic()).forEach((word, bytes) -> {
            if (bytes != null) {
                DictionaryEntry e = AvroSerde.dictionaryEntry().fromBytes(bytes);
                out.printf(Locale.ROOT, "%s\t%s\t%s\t%s\t%s\t%s%n", word, e.getAction(), String.join("|", e.getPieces()),
                        e.getSource(), e.getScore() == null ? "" : String.format(Locale.ROOT, "%.1f", e.getScore()),
                        e.getUpdatedAt());
            }
        });
        out.flush();
        return 0;
    }

    @Command(name = "add", description = "Keep WORD whole, or with '--split a|b' always cut it so.")
    int add(@Parameters(paramLabel = "WORD") String word,
            @Option(names = "--split", paramLabel = "PIECE|PIECE", description = "Cut the word into these pieces instead.") String split) {
        List<String> pieces = split == null ? List.of() : Arrays.asList(split.split("\\|", -1));
        if (split != null && (pieces.size() < 2 || !String.join("", pieces).equals(word))) {
            throw new ParameterException(spec.commandLine(), "--split '" + split + "' must be two or more pieces joined by | that spell '" + word + "'");
        }
        write(new DictionaryEntry(word, split == null ? DictionaryAction.KEEP : DictionaryAction.SPLIT, pieces,
                DictionarySource.OPERATOR, null, Instant.now()));
        return 0;
    }

    @Command(name = "remove", description = "Let the model decide WORD again (also over a seed file entry).")
    int remove(@Parameters(paramLabel = "WORD") String word) {
        write(new DictionaryEntry(word, DictionaryAction.REMOVE, List.of(), DictionarySource.OPERATOR, null, Instant.now()));
        return 0;
    }

    @Command(name = "accept", description = "Add discovered candidates as KEEP entries: the named WORDs, or with --top N the N best.")
    int accept(@Parameters(paramLabel = "WORD", arity = "0..*") List<String> words,
               @Option(names = "--top", paramLabel = "N", defaultValue = "0") int top) {
        WenliuConfig config = configOptions.load();
        List<DiscoveredWord> candidates = new ArrayList<>();
        read(config, config.words().candidatesTopic()).values().stream().filter(b -> b != null)
                .map(b -> AvroSerde.discoveredWord().fromBytes(b)).forEach(candidates::add);
        candidates.sort((a, b) -> Double.compare(b.getScore(), a.getScore()));
        List<DiscoveredWord> chosen = candidates.stream().filter(c -> (words != null && words.contains(c.getWord()))).toList();
        if (top > 0) {
            chosen = candidates.subList(0, Math.min(top, candidates.size()));
        }
        if (chosen.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "No such candidates on " + config.words().candidatesTopic()
                    + "; name words it holds or pass --top N");
        }
        for (DiscoveredWord c : chosen) {
            write(new DictionaryEntry(c.getWord(), DictionaryAction.KEEP, List.of(), DictionarySource.OPERATOR,
                    c.getScore(), Instant.now()));
        }
        return 0;
    }

    private void write(DictionaryEntry entry) {
        WenliuConfig config = configOptions.load();
        Map<String, Object> settings = new LinkedHashMap<>(config.clientSettings());
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, DictionaryEntry> producer = new KafkaProducer<>(settings, new StringSerializer(),
                AvroSerde.dictionaryEntry().serializer())) {
            producer.send(new ProducerRecord<>(config.words().dictionaryTopic(), entry.getWord(), entry)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write to " + config.words().dictionaryTopic() + " at "
                    + config.clientSettings().get("bootstrap.servers") + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("%s %s%n", entry.getAction(), entry.getWord());
        spec.commandLine().getOut().flush();
    }

    /** The latest value of every key of a compacted topic (null for a tombstone). */
    private static Map<String, byte[]> read(WenliuConfig config, String topic) {
        Map<String, Object> settings = new LinkedHashMap<>(config.clientSettings());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, byte[]> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    latest.remove(record.key());
                    latest.put(record.key(), record.value());
                }
            }
        }
        return latest;
    }
}
