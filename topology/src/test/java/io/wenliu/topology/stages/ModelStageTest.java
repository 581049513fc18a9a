package io.wenliu.topology.stages;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.EngineException;
import ai.djl.translate.TranslateException;
import io.wenliu.models.inference.ModelClosedException;
import org.junit.jupiter.api.Test;
import org.tensorflow.exceptions.TFResourceExhaustedException;

class ModelStageTest {

    @Test
    void shouldTellAFailureOfTheModelFromAFailureOnTheDocuments() {
        assertThat(ModelStage.isSystemic(new ModelClosedException("closed"))).isTrue();
        assertThat(ModelStage.isSystemic(new TranslateException(new TFResourceExhaustedException("OOM")))).isTrue();
        assertThat(ModelStage.isSystemic(new OutOfMemoryError("Java heap space"))).isTrue();
        assertThat(ModelStage.isSystemic(new TranslateException(new EngineException("native crash")))).isTrue();
        assertThat(ModelStage.isSystemic(new UnsatisfiedLinkError("libtensorflow"))).isTrue();

        assertThat(ModelStage.isSystemic(new IllegalArgumentException("sequence too long"))).isFalse();
        assertThat(ModelStage.isSystemic(new TranslateException("bad input"))).isFalse();
    }
}
