package io.wenliu.app.command.bench;

import io.wenliu.serdes.AvroSerde;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EntityMention;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chaos harness's input: Chinese documents with repeated ids (every 7th record reuses the id of
 * the one before it, with another text) and, every 10th record, one kind of hostile record from a
 * fixed list, each with the reason code it must be dead-lettered with. Deterministic; stateless.
 */
final class ChaosStream {
    /** One input record and what it must become. */
    record Input(byte[] key, byte[] value, String outcome) {
    }

    private static final List<String> SENTENCES = List.of(
            "北京今天天气晴朗，张三和李四下午去颐和园散步。", "上海浦东新区发布了新的交通规划，市民反响热烈。",
            "这家餐厅的服务太差了，菜也不新鲜，不会再来了。", "华为公司在深圳举办了年度开发者大会。",
            "王老师说明天的数学考试推迟到下周一。", "花呗的额度为什么突然降低了，怎么才能提高？");

    private static final String HOSTILE = "hostile-";

    private final AvroSerde<Document> documents = AvroSerde.document();

    Input input(int i) {
        if (i % 10 == 5) {
            return hostile(i / 10);
        }
        String id = i % 7 == 0 && i > 0 ? "doc-" + (i - 1) : "doc-" + i;
        String text = "第" + i + "条：" + SENTENCES.get(i % SENTENCES.size());
        return new Input(utf8(id), document(id, text), ChaosLedger.ENRICHED);
    }

    /** What the record with this key must become: keys tell hostile records (and their kind) from documents. */
    String outcome(byte[] key) {
        String text = key == null ? "" : new String(key, StandardCharsets.UTF_8);
        return text.startsWith(HOSTILE) ? hostile(Integer.parseInt(text.substring(HOSTILE.length()))).outcome()
                : ChaosLedger.ENRICHED;
    }

    private Input hostile(int n) {
        String key = HOSTILE + n;
        return switch (n % 10) {
            case 0 -> new Input(utf8(key), utf8("{\"id\":\"" + key + "\",\"text\":\"不是Avro\"}"), "UNDESERIALIZABLE");
            case 1 -> new Input(utf8(key), null, "TOMBSTONE");
            case 2 -> new Input(utf8(key), document(key, " \u3000 "), "EMPTY_TEXT");
            case 3 -> new Input(utf8(key), document("\n\u0000", "正文"), "INVALID_ID");
            case 4 -> new Input(utf8(key), AvroSerde.entityMention().toBytes(EntityMention.newBuilder()
                    .setDocumentId(key).setType("PER").setText("张三").setStart(0).setEnd(2).setConfidence(0.9f)
                    .setEventTime(Instant.now()).build()), "UNKNOWN_SCHEMA");
            case 5 -> {
                byte[] valid = document(key, "正文");
                yield new Input(utf8(key), Arrays.copyOf(valid, valid.length + 3), "UNDESERIALIZABLE");
            }
            case 6 -> new Input(utf8(key), document(key, "\u200B\u200D\uFEFF"), "EMPTY_TEXT");
            case 7 -> new Input(utf8(key), document(key, "你好\u0007世界"), "INVALID_CHARACTERS");
            case 8 -> new Input(utf8(key), document(key, "字".repeat(20_001)), "TEXT_TOO_LONG");
            default -> new Input(utf8(key), largeDocument(key), "RECORD_TOO_LARGE");
        };
    }

    private byte[] document(String id, String text) {
        return documents.toBytes(Document.newBuilder().setId(id).setText(text).setSource("chaos")
                .setEventTime(Instant.now()).build());
    }

    /** About 700 KB: a short text and 70 attributes of 10 KB (finding 1 of issue 13). */
    private byte[] largeDocument(String id) {
        Map<String, String> attributes = new HashMap<>();
        for (int a = 0; a < 70; a++) {
            attributes.put("attribute-" + a, "v".repeat(10_000));
        }
        return documents.toBytes(Document.newBuilder().setId(id).setText("短文").setEventTime(Instant.now())
                .setAttributes(attributes).build());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
