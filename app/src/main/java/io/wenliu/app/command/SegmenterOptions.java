package io.wenliu.app.command;

import io.wenliu.models.runtime.ModelSettings;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The model options plus the segmenter's user dictionary; shared by {@code segment}, {@code tag}, {@code eval} and {@code bench}. */
public final class SegmenterOptions {

    @Mixin
    ModelOptions model;

    @Option(names = "--user-dictionary",
            description = "Segmentation user dictionary: '+word' keeps a word whole, '-piece|piece' forces cuts; reloaded when it changes.")
    Path userDictionary;

    ModelSettings settings() {
        return new ModelSettings(model.modelsDirectory, model.device, userDictionary, model.batchSize);
    }
}
