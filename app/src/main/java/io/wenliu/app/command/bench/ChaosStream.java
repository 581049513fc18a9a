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
 * The chaos harness's input: varied Chinese documents with repeated ids (every 7th record reuses the id of
 * the one before it, with another text) and, every 10th record, one kind of hostile record from a
 * fixed list, each with the reason code it must be dead-lettered with. Deterministic; stateless.
 */
final class ChaosStream {
    /** One input record and what it must become. */
    record Input(byte[] key, byte[] value, String outcome) {
    }

    // who, where and when, what, and how it went: 10,368 different sentences, so that the similarity index
    // sees a stream of varied documents (a flood of near-identical ones fills every bucket: see docs/BENCHMARKS.md)
    private static final List<String> WHO = List.of("张三", "李四", "王老师", "华为公司", "上海市政府", "北京大学的学生",
            "一位外卖骑手", "这家餐厅的老板", "腾讯", "小明的妈妈", "深圳的一家初创企业", "中国国家队");
    private static final List<String> WHERE = List.of("昨天在颐和园", "今天上午在浦东新区", "上周在深圳", "下午在杭州西湖边",
            "去年在成都", "前天在南京路", "周末在广州塔附近", "刚刚在武汉", "月初在西安", "晚上在天津", "本周在重庆", "早上在苏州");
    private static final List<String> WHAT = List.of("举办了年度开发者大会，", "发布了新的交通规划，", "参加了数学竞赛，",
            "开了一家新店，", "讨论了花呗额度降低的问题，", "签署了合作协议，", "组织了志愿者活动，", "推出了新款手机，",
            "发表了演讲，", "宣布了招聘计划，", "完成了马拉松比赛，", "接受了记者采访，");
    private static final List<String> HOW = List.of("市民反响热烈。", "大家都觉得很满意！", "服务太差了，不会再来了。",
            "网友纷纷点赞。", "价格有点贵，但是质量不错。", "结果让人非常失望。");

    private static final String HOSTILE = "hostile-";

    private final AvroSerde<Document> documents = AvroSerde.document();

    Input input(int i) {
        if (i % 10 == 5) {
            return hostile(i / 10);
        }
        String id = i % 7 == 0 && i > 0 ? "doc-" + (i - 1) : "doc-" + i;
        String text = "第" + i + "条：" + WHO.get(i % 12) + WHERE.get(i / 12 % 12) + WHAT.get(i / 144 % 12)
                + HOW.get(i / 1728 % 6);
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
