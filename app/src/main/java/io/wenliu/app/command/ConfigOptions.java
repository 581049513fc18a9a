package io.wenliu.app.command;

import io.wenliu.app.config.ConfigSources;
import io.wenliu.app.config.WenliuConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to Kafka shares: where the configuration comes from. A
 * picocli mixin; see {@link ConfigSources} for the order in which sources override each other.
 */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Properties file with wenliu.* and kafka.* settings (default: $WENLIU_CONFIG_FILE, else none).")
    private Path file;

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
            description = "Kafka brokers; shorthand for --set " + WenliuConfig.BOOTSTRAP_SERVERS_CONFIG + "=...")
    private String bootstrapServers;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "A setting that overrides the file and the environment; repeatable.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    /** The configuration from the file, the process environment and the command line. */
    public WenliuConfig load() {
        return load(Map.of());
    }

    /** As {@link #load()}, with {@code defaults} underneath every other source (used by demo and bench). */
    public WenliuConfig load(Map<String, String> defaults) {
        Map<String, String> environment = System.getenv();
        Path source = file;
        if (source == null && environment.containsKey(ConfigSources.CONFIG_FILE_VARIABLE)) {
            source = Path.of(environment.get(ConfigSources.CONFIG_FILE_VARIABLE));
        }
        Map<String, String> explicit = new LinkedHashMap<>(overrides);
        if (bootstrapServers != null) {
            explicit.put(WenliuConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        return ConfigSources.load(defaults, source, environment, explicit);
    }
}
