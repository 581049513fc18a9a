package io.wenliu.models.segment;

/**
 * Supplies the {@link UserDictionary} a {@link Segmenter} applies, asked once per segmentation call so
 * that a change takes effect on the next call without a restart: a file that is read again when it
 * changes ({@link ReloadingUserDictionary}), or entries streamed to every instance (the service's
 * dictionary topic). Implementations must be thread-safe and cheap to ask.
 */
@FunctionalInterface
public interface UserDictionarySource {
    /** The dictionary in force now. */
    UserDictionary current();
}
