package io.wenliu.models.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link UserDictionary} file that is read again whenever it changes (its modification time or
 * size), so that entries can be edited while the service runs.
 *
 * <p>{@link #current()} checks the file's attributes (one {@code stat}) and reloads when they
 * changed. The file must be readable and valid at construction (a systemic error otherwise); a later
 * edit that is malformed or a file that disappears is logged as an error and the last good
 * dictionary stays in force, so a typo never takes the service down. Thread-safe.
 */
public final class ReloadingUserDictionary implements UserDictionarySource {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingUserDictionary.class);

    private final Path file;
    private volatile Loaded loaded;

    private record Loaded(UserDictionary dictionary, long modified, long size) {
    }

    /**
     * @throws java.io.UncheckedIOException     when the file cannot be read
     * @throws IllegalArgumentException naming the line of a malformed entry
     */
    public ReloadingUserDictionary(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            loaded = new Loaded(UserDictionary.load(file), attributes.lastModifiedTime().toMillis(), attributes.size());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the user dictionary " + file.toAbsolutePath()
                    + "; fix wenliu.segmenter.user.dictionary or remove it", e);
        }
        LOG.info("User dictionary {}: {} entries", file, loaded.dictionary().size());
    }

    public Path file() {
        return file;
    }

    /** The dictionary as the file now says (or the last good version). */
    @Override
    public UserDictionary current() {
        Loaded now = loaded;
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            LOG.error("User dictionary {} disappeared; keeping its last {} entries", file, now.dictionary().size());
            return now.dictionary();
        } catch (IOException e) {
            LOG.error("Cannot read user dictionary {}; keeping its last {} entries", file, now.dictionary().size(), e);
            return now.dictionary();
        }
        long modified = attributes.lastModifiedTime().toMillis();
        if (modified == now.modified() && attributes.size() == now.size()) {
            return now.dictionary();
        }
        synchronized (this) {
            if (loaded != now) {
                return loaded.dictionary(); // another thread reloaded meanwhile
            }
            try {
                loaded = new Loaded(UserDictionary.load(file), modified, attributes.size());
                LOG.info("Reloaded user dictionary {}: {} entries", file, loaded.dictionary().size());
            } catch (RuntimeException e) {
                // remember the attributes so that a broken file is reported once, not on every batch
                loaded = new Loaded(now.dictionary(), modified, attributes.size());
                LOG.error("User dictionary {} is invalid; keeping its last {} entries: {}", file,
                        now.dictionary().size(), e.getMessage());
            }
            return loaded.dictionary();
        }
    }
}
