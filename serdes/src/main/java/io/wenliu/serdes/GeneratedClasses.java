package io.wenliu.serdes;

import io.wenliu.serdes.avro.DeadLetter;
import io.wenliu.serdes.avro.DictionaryAction;
import io.wenliu.serdes.avro.DictionaryEntry;
import io.wenliu.serdes.avro.DictionarySource;
import io.wenliu.serdes.avro.DiscoveredWord;
import io.wenliu.serdes.avro.Document;
import io.wenliu.serdes.avro.EnrichedDocument;
import io.wenliu.serdes.avro.Entity;
import io.wenliu.serdes.avro.EntityMention;
import io.wenliu.serdes.avro.ModelVersion;
import io.wenliu.serdes.avro.OmittedBytes;
import io.wenliu.serdes.avro.Sentiment;
import io.wenliu.serdes.avro.SentimentLabel;
import io.wenliu.serdes.avro.SimilarDocument;
import io.wenliu.serdes.avro.SimilarityLink;
import io.wenliu.serdes.avro.Token;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 instantiates only trusted classes, in decoders and in builders alike; without this an
 * EnrichedDocument builder or a decoder reading a nested Token throws "Forbidden ... not trusted"
 * (which kills a stream thread). {@link #trust()} registers Wenliu's generated classes once per JVM;
 * the serdes and the topology call it, so users never set system properties.
 */
public final class GeneratedClasses {
    private static volatile boolean trusted;

    private GeneratedClasses() {
    }

    public static synchronized void trust() {
        if (trusted) {
            return;
        }
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                predicate()));
        trusted = true;
    }

    /** Trusts exactly Wenliu's generated classes (every record and enum of the schemas). */
    static ClassSecurityValidator.ClassSecurityPredicate predicate() {
        return ClassSecurityValidator.builder()
                .add(Document.class).add(EnrichedDocument.class).add(DeadLetter.class).add(OmittedBytes.class)
                .add(Token.class).add(Entity.class).add(EntityMention.class).add(Sentiment.class)
                .add(SentimentLabel.class).add(SimilarDocument.class).add(ModelVersion.class)
                .add(SimilarityLink.class).add(DictionaryEntry.class).add(DictionaryAction.class)
                .add(DictionarySource.class).add(DiscoveredWord.class).build();
    }
}
