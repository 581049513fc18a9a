package io.wenliu.topology.stages;

import io.wenliu.models.ner.NamedEntity;
import io.wenliu.models.segment.Word;
import io.wenliu.models.sentiment.SentimentPrediction;
import io.wenliu.serdes.avro.Entity;
import io.wenliu.serdes.avro.Sentiment;
import io.wenliu.serdes.avro.SentimentLabel;
import io.wenliu.serdes.avro.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code EnrichedDocument} fields the model stages fill, made from what the models find: written once here
 * so that the single-task stages and the student stage fill them alike. Stateless.
 */
final class OutputFields {
    private OutputFields() {
    }

    /** The tokens of a document's words, in text order with UTF-16 offsets; {@code pos} left null. */
    static List<Token> tokens(List<Word> words) {
        List<Token> tokens = new ArrayList<>(words.size());
        for (Word word : words) {
            tokens.add(new Token(word.text(), word.start(), word.end(), null));
        }
        return tokens;
    }

    /** The words a document's tokens stand for. */
    static List<Word> words(List<Token> tokens) {
        return tokens.stream().map(t -> new Word(t.getText(), t.getStart(), t.getEnd())).toList();
    }

    /** The tokens with their parts of speech, one per token. */
    static List<Token> withPos(List<Token> tokens, List<String> pos) {
        List<Token> tagged = new ArrayList<>(tokens.size());
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            tagged.add(new Token(t.getText(), t.getStart(), t.getEnd(), pos.get(k)));
        }
        return tagged;
    }

    /** The entities, in text order, with the CRF's marginal probability of the span as confidence. */
    static List<Entity> entities(List<NamedEntity> found) {
        List<Entity> entities = new ArrayList<>(found.size());
        for (NamedEntity e : found) {
            entities.add(new Entity(e.type(), e.text(), e.start(), e.end(), (float) e.confidence()));
        }
        return entities;
    }

    static Sentiment sentiment(SentimentPrediction p) {
        return Sentiment.newBuilder()
                .setLabel(p.isPositive() ? SentimentLabel.POSITIVE : SentimentLabel.NEGATIVE)
                .setPositiveProbability(p.positiveProbability())
                .build();
    }

    static List<Float> embedding(float[] vector) {
        List<Float> embedding = new ArrayList<>(vector.length);
        for (float x : vector) {
            embedding.add(x);
        }
        return embedding;
    }
}
