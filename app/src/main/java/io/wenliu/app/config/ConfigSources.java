package io.wenliu.app.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@link WenliuConfig}'s values come from, lowest precedence first: the defaults, a properties
 * file (UTF-8), {@code WENLIU_*} environment variables, then explicit overrides (command-line
 * {@code --set key=value}).
 *
 * <p>Environment variables map to keys in two ways:
 * <ul>
 *   <li>a Wenliu setting's variable is its key upper-cased with dots as underscores and the
 *       {@code wenliu.} prefix kept: {@code WENLIU_BATCH_MAX_SIZE} sets {@code wenliu.batch.max.size};</li>
 *   <li>{@code WENLIU_KAFKA_<NAME>} sets the Kafka client setting {@code <name>} with underscores
 *       as dots, lower-cased: {@code WENLIU_KAFKA_SASL_MECHANISM} sets {@code kafka.sasl.mechanism},
 *       i.e. the clients' {@code sasl.mechanism}.</li>
 * </ul>
 * Other {@code WENLIU_*} variables that are no setting are logged as a warning (a misspelt variable
 * would otherwise be silently ignored), except {@link #NON_SETTING_VARIABLES}. Stateless.
 */
public final class ConfigSources {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigSources.class);

    /** The environment variable naming the properties file when no --config option is given. */
    public static final String CONFIG_FILE_VARIABLE = "WENLIU_CONFIG_FILE";
    private static final String ENV_PREFIX = "WENLIU_";
    private static final String KAFKA_ENV_PREFIX = "WENLIU_KAFKA_";
    /** WENLIU_* variables read elsewhere, not settings of the service. */
    static final Set<String> NON_SETTING_VARIABLES =
            Set.of(CONFIG_FILE_VARIABLE, "WENLIU_LOG_LEVEL", "WENLIU_DATASETS_DIR", "WENLIU_JAVA_OPTS");

    private ConfigSources() {
    }

    /** The environment variable that sets a {@code wenliu.*} key: {@code wenliu.batch.max.size} → {@code WENLIU_BATCH_MAX_SIZE}. */
    public static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Builds the configuration from every source.
     *
     * @param file        properties file, or null for none
     * @param environment the process environment (tests pass their own)
     * @param overrides   highest-precedence values, e.g. from {@code --set}
     * @throws ConfigException when a source is unreadable or a value invalid, naming the key
     */
    public static WenliuConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        return load(Map.of(), file, environment, overrides);
    }

    /** As {@link #load(Path, Map, Map)}, with {@code defaults} replacing the built-in defaults they name. */
    public static WenliuConfig load(Map<String, String> defaults, Path file, Map<String, String> environment,
                                    Map<String, String> overrides) {
        Map<String, Object> values = new LinkedHashMap<>(defaults);
        if (file != null) {
            values.putAll(fromFile(file));
        }
        values.putAll(fromEnvironment(environment));
        values.putAll(overrides);
        return new WenliuConfig(values);
    }

    /** The keys and values of a properties file read as UTF-8. */
    public static Map<String, String> fromFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("No configuration file at " + file.toAbsolutePath()
                    + "; pass an existing file with --config or " + CONFIG_FILE_VARIABLE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the configuration file " + file.toAbsolutePath(), e);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name.trim(), properties.getProperty(name).trim()));
        return values;
    }

    /** The settings that {@code WENLIU_*} variables of {@code environment} set. */
    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> keysByVariable = new TreeMap<>();
        for (String key : WenliuConfig.definition().names()) {
            keysByVariable.put(environmentVariable(key), key);
        }
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(ENV_PREFIX) || NON_SETTING_VARIABLES.contains(name)) {
                continue;
            }
            String key = keysByVariable.get(name);
            if (key != null) {
                values.put(key, variable.getValue());
            } else if (name.startsWith(KAFKA_ENV_PREFIX) && name.length() > KAFKA_ENV_PREFIX.length()) {
                String client = name.substring(KAFKA_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                values.put(WenliuConfig.KAFKA_PREFIX + client, variable.getValue());
            } else {
                LOG.warn("Ignoring environment variable {}: it is no Wenliu setting ('wenliu run --help' lists them)",
                        name);
            }
        }
        return values;
    }
}
