package io.wenliu.topology.similar;

import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.internals.InternalTopicProperties;

/**
 * A {@link Topology} that can declare repartition topics, which the Processor API otherwise
 * cannot: Kafka Streams then creates them as {@code <application.id>-<name>}, sizes them like their
 * upstream source topics, writes them inside the exactly-once transaction and purges consumed
 * records, exactly as for the DSL's {@code repartition()}.
 *
 * <p>This is the one place that touches Kafka Streams internals ({@code InternalTopologyBuilder},
 * which the DSL itself uses the same way); a Kafka upgrade that moves it breaks only this class.
 * Not thread-safe while being built, like {@link Topology}.
 */
public class InternalTopicTopology extends Topology {

    /**
     * Declares {@code name} as a repartition topic of this topology; call before adding its sink and
     * source, and name it {@code *-repartition}.
     */
    public InternalTopicTopology addRepartitionTopic(String name) {
        internalTopologyBuilder.addInternalTopic(name, InternalTopicProperties.empty());
        return this;
    }
}
