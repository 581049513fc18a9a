package io.wenliu.models.train.classifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a binary sentiment split in the shared datasets' TSV layout: a header naming at least the
 * columns {@code label} (1 positive, 0 negative) and {@code text}, then one document per line
 * (e.g. chnsenticorp, waimai_10k, chnsenticorp_htl_all; online_shopping_10_cats adds {@code cat}).
 * Stateless.
 */
public final class SentimentCorpus {
    /** The four shared sentiment corpora, ChnSentiCorp first: it chooses the checkpoint. */
    public static final List<String> SHARED_CORPORA =
            List.of("chnsenticorp", "online_shopping_10_cats", "waimai_10k", "chnsenticorp_htl_all");

    private SentimentCorpus() {
    }

    /** The split {@code split} ("train", "dev") of corpus {@code name} under {@code datasets}. */
    public static List<LabeledText> read(Path datasets, String name, String split) {
        return read(name, datasets.resolve(name).resolve(split + ".tsv"));
    }

    public static List<LabeledText> read(String name, Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty; expected a header with 'label' and 'text'");
            }
            List<String> columns = Arrays.asList(header.split("\t", -1));
            int labelColumn = columns.indexOf("label");
            int textColumn = columns.indexOf("text");
            if (labelColumn < 0 || textColumn < 0) {
                throw new IllegalArgumentException(file + ": header " + columns + " lacks 'label' or 'text'");
            }
            List<LabeledText> texts = new ArrayList<>();
            String line;
            int lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != columns.size()) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": expected " + columns.size()
                            + " tab-separated fields, got " + fields.length);
                }
                int label = switch (fields[labelColumn].trim()) {
                    case "1" -> 1;
                    case "0" -> 0;
                    default -> throw new IllegalArgumentException(file + ":" + lineNumber + ": label must be 0 or 1, got '"
                            + fields[labelColumn] + "'");
                };
                texts.add(new LabeledText(name, fields[textColumn], label));
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sentiment corpus " + file, e);
        }
    }
}
