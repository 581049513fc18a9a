package io.wenliu.models.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * The one place that boots TensorFlow for DJL, offline.
 *
 * <p>DJL's TensorFlow engine would otherwise download natives at first use. Instead, {@link #engine()}
 * (idempotent, thread-safe):
 * <ol>
 *   <li>sets {@code ai.djl.offline=true}, so a missing native fails loudly instead of downloading;</li>
 *   <li>keeps TensorFlow's C++ INFO logging (a dozen stderr lines per SavedModel load) off, unless the user set
 *       {@code TF_CPP_MIN_LOG_LEVEL}: warnings and errors still print;</li>
 *   <li>lets JavaCPP extract TF-Java's native library from the classpath ({@code tensorflow-core-native}
 *       with the {@code linux-x86_64} classifier, or {@code linux-x86_64-gpu} under the Maven profile
 *       {@code gpu});</li>
 *   <li>points {@code TENSORFLOW_LIBRARY_PATH} at it, then starts DJL's engine.</li>
 * </ol>
 * Which device runs a model is configuration ({@link ModelSettings#device()}), mapped by
 * {@link #device(String)} and {@link #sessionConfig(String)}. Stateless apart from the one-time boot.
 */
public final class TensorFlowRuntime {
    public static final String ENGINE = "TensorFlow";
    /** TensorFlow's C++ log threshold (0 info, 1 warning, 2 error), read from the process environment at its first log. */
    private static final String LOG_LEVEL_VARIABLE = "TF_CPP_MIN_LOG_LEVEL";
    private static final Logger LOG = LoggerFactory.getLogger(TensorFlowRuntime.class);
    private static final Object LOCK = new Object();
    private static final AtomicBoolean LOGS_QUIETED = new AtomicBoolean();
    private static volatile Engine engine;

    private TensorFlowRuntime() {
    }

    /** DJL's TensorFlow engine, booted from the natives on the classpath on first call. */
    public static Engine engine() {
        Engine booted = engine;
        if (booted != null) {
            return booted;
        }
        synchronized (LOCK) {
            if (engine == null) {
                engine = boot();
            }
            return engine;
        }
    }

    private static Engine boot() {
        System.setProperty("ai.djl.offline", "true");
        keepInfoLogsQuiet();
        try {
            String library = Loader.load(org.tensorflow.internal.c_api.global.tensorflow.class);
            if (library == null) {
                throw new EngineException("JavaCPP found no TensorFlow native library on the classpath");
            }
            Path directory = Path.of(library).getParent();
            System.setProperty("TENSORFLOW_LIBRARY_PATH", directory.toString());
            Engine booted = Engine.getEngine(ENGINE);
            LOG.info("TensorFlow {} loaded from {} ({} GPU(s) visible)", booted.getVersion(), directory, booted.getGpuCount());
            return booted;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new EngineException("Cannot load TensorFlow's native library: make sure the Maven classifier of "
                    + "org.tensorflow:tensorflow-core-native matches this machine (linux-x86_64, or linux-x86_64-gpu "
                    + "with -Pgpu) and that the JavaCPP cache (-Dorg.bytedeco.javacpp.cachedir) is writable", e);
        }
    }

    /** The C library's setenv: the JVM cannot change its own environment, which TensorFlow's C++ code reads. */
    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * Sets TensorFlow's C++ log threshold to warnings, unless the user chose one. TensorFlow reads it once, at its
     * first log line (its native library's loading), so call this before any TensorFlow code runs: the command line's
     * {@code main}, {@link #engine()} and {@link SavedModelCache} do. Idempotent, thread-safe.
     */
    public static void keepInfoLogsQuiet() {
        if (System.getenv(LOG_LEVEL_VARIABLE) != null || !LOGS_QUIETED.compareAndSet(false, true)) {
            return;
        }
        try {
            Native.load("c", CLibrary.class).setenv(LOG_LEVEL_VARIABLE, "1", 0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("Cannot set {}; TensorFlow logs at INFO: {}", LOG_LEVEL_VARIABLE, e.toString());
        }
    }

    /**
     * The DJL device for a configured device name: {@code cpu}, {@code gpu} (the first GPU) or
     * {@code gpu:N}.
     *
     * @throws IllegalArgumentException for any other name
     * @throws IllegalStateException    when a GPU is asked for but the engine sees none (CPU natives,
     *                                  no CUDA driver) or fewer than N + 1
     */
    public static Device device(String name) {
        String d = name.trim().toLowerCase(Locale.ROOT);
        if (d.equals("cpu")) {
            return Device.cpu();
        }
        if (!d.matches("gpu(:\\d+)?")) {
            throw new IllegalArgumentException("Device must be cpu, gpu or gpu:N, got '" + name + "'");
        }
        int index = d.equals("gpu") ? 0 : Integer.parseInt(d.substring(4));
        int visible = engine().getGpuCount();
        if (index >= visible) {
            throw new IllegalStateException("Device " + name + " requested but TensorFlow sees " + visible
                    + " GPU(s); build with 'mvn -Pgpu package' (CUDA natives), check the CUDA driver and "
                    + "CUDA_VISIBLE_DEVICES, or set wenliu.models.device=cpu");
        }
        return Device.gpu(index);
    }

    /**
     * The TensorFlow session configuration for a device, base64-encoded as DJL's {@code ConfigProto}
     * option expects. On {@code cpu} the session gets no GPU even with the CUDA natives; on a GPU,
     * memory grows on demand instead of TensorFlow's default of taking all of it, so that models
     * and other processes can share the card. Graph operations are placed on the first visible GPU
     * (TensorFlow's default); {@code CUDA_VISIBLE_DEVICES} narrows which card that is.
     */
    public static String sessionConfig(String deviceName) {
        ConfigProto.Builder config = ConfigProto.newBuilder().setAllowSoftPlacement(true);
        if (device(deviceName).isGpu()) {
            config.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true));
        } else {
            config.putDeviceCount("GPU", 0);
        }
        return Base64.getEncoder().encodeToString(config.build().toByteArray());
    }
}
