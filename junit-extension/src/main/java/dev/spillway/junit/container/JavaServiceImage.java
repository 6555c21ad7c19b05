package dev.spillway.junit.container;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.LazyFuture;

/**
 * A container image of your own JVM service, built locally from this machine's JDK, for when no
 * registry is reachable (or you do not want to publish an image to test against): {@code FROM
 * scratch} plus a {@code jlink} runtime with just the modules the service needs, the C libraries
 * that runtime links, and the service's classes and jars, started with {@code java -cp ... Main
 * args}. About 40–60 MB; jlink takes a few seconds, the Docker build a few more: build it once (in
 * a {@code @BeforeAll}, or once per run in JUnit's root store) and close it at the end, which
 * removes it.
 *
 * <pre>{@code
 * JavaServiceImage image =
 *     JavaServiceImage.of(OrderService.class)         // its main class; classpath: where it is
 *         .addClasspath(List.of(Path.of("lib/orders-core.jar")))
 *         .modules("java.net.http", "jdk.httpserver") // java.base is always in
 *         .args("--port", "8080")
 *         .expose(8080)
 *         .build();
 * try (GenericContainer<?> service = image.container().waitingFor(Wait.forHttp("/health"))) {
 *   service.start();
 *   ...
 * }
 * image.close(); // removes the image
 * }</pre>
 *
 * <p>The image has no shell and no tools: probe it from the host, e.g. with Testcontainers' {@code
 * Wait.forHttp} (the default wait strategy runs {@code /bin/sh} in the container for half of its
 * check, and logs a warning when there is none). A container's command ({@code withCommand}) adds
 * arguments after {@link Builder#args(String...) args}.
 *
 * <p>Needs Linux on x86-64 with glibc (the runtime and libraries are copied from this machine), a
 * JDK with {@code jlink}, and a Docker engine; {@link Builder#build()} fails with the reason
 * otherwise. On such machines, {@code @RequiresDocker(buildsImages = true)} skips the test instead
 * (or fails it when Docker is required). Thread-safety: immutable once built; {@link #close()} is
 * idempotent.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class JavaServiceImage implements AutoCloseable {

  /** The image repository used unless {@link Builder#repository(String)} says otherwise. */
  public static final String DEFAULT_REPOSITORY = "spillway-java-service";

  /**
   * The JVM options used unless {@link Builder#jvmOptions(String...)} says otherwise: the serial
   * GC, C1 only (less compiler CPU under a quota, a faster start) and no perf-data file.
   */
  public static final List<String> DEFAULT_JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");

  /** How long {@link Builder#build()} waits for Docker unless told otherwise: 5 minutes. */
  public static final Duration DEFAULT_BUILD_TIMEOUT = Duration.ofMinutes(5);

  /** The shortest build timeout: 1 second. */
  public static final Duration MIN_BUILD_TIMEOUT = Duration.ofSeconds(1);

  /** The longest build timeout: 1 hour. */
  public static final Duration MAX_BUILD_TIMEOUT = Duration.ofHours(1);

  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");
  private static final Pattern MODULE = Pattern.compile("[\\w$]+(?:\\.[\\w$]+)*");

  private final String name;
  private final Builder spec;
  private final Duration jlinkTime;
  private final Duration buildTime;
  private final long sizeBytes;
  private volatile boolean removed;

  private JavaServiceImage(
      String name, Builder spec, Duration jlinkTime, Duration buildTime, long sizeBytes) {
    this.name = name;
    this.spec = spec;
    this.jlinkTime = jlinkTime;
    this.buildTime = buildTime;
    this.sizeBytes = sizeBytes;
  }

  /**
   * An image that runs {@code mainClass}, with the directory or jar it was loaded from as the first
   * classpath entry.
   *
   * @throws IllegalArgumentException when it has no {@code public static void main(String[])} or
   *     was not loaded from a directory or jar
   */
  public static Builder of(Class<?> mainClass) {
    Path location = MainClass.location(mainClass);
    return of(mainClass.getName(), List.of(location));
  }

  /**
   * An image that runs the class named {@code mainClass} with {@code classpath} (directories of
   * classes and jars, in order).
   */
  public static Builder of(String mainClass, List<Path> classpath) {
    Preconditions.notBlank(mainClass, "main class");
    Preconditions.check(
        !mainClass.contains("/") && mainClass.strip().equals(mainClass),
        "main class",
        "a binary class name such as com.example.Main",
        mainClass);
    return new Builder(mainClass).addClasspath(classpath);
  }

  /** The image's name and tag, such as {@code spillway-java-service:1a2b3c4d}. */
  public String name() {
    return name;
  }

  /** The class the image runs. */
  public String mainClass() {
    return spec.mainClass;
  }

  /** The JDK modules of the image's runtime. */
  public List<String> modules() {
    return List.copyOf(spec.modules);
  }

  /** The container ports the image exposes, in the order given. */
  public List<Integer> exposedPorts() {
    return List.copyOf(spec.ports);
  }

  /** How long {@code jlink} took. */
  public Duration jlinkTime() {
    return jlinkTime;
  }

  /** How long Docker took to build the image (context upload included). */
  public Duration buildTime() {
    return buildTime;
  }

  /** The image's size in bytes, as Docker reports it. */
  public long sizeBytes() {
    return sizeBytes;
  }

  /**
   * A new, not yet started Testcontainers container of this image, exposing {@link
   * #exposedPorts()}. Add a wait strategy that probes from the host, e.g. {@code
   * .waitingFor(Wait.forHttp("/health"))}, then start it; closing it stops and removes it.
   *
   * @throws IllegalStateException when the image was removed
   */
  public GenericContainer<?> container() {
    if (removed) {
      throw new IllegalStateException("image " + name + " must not be removed, but was removed");
    }
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(name));
    return container.withExposedPorts(spec.ports.toArray(Integer[]::new));
  }

  /** Removes the image; idempotent. Stop the containers of it first (removal is forced). */
  @Override
  public void close() {
    if (removed) {
      return;
    }
    removed = true;
    try {
      Docker.call(
          "remove image " + name,
          Docker.REQUEST_TIMEOUT,
          d -> d.removeImageCmd(name).withForce(true).exec());
    } catch (NotFoundException alreadyGone) {
      // nothing to remove
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "JavaServiceImage[name=%s, mainClass=%s, classpath=%s, modules=%s, jvmOptions=%s, args=%s,"
            + " ports=%s, size=%.1f MB, jlink=%d ms, build=%d ms%s]",
        name,
        spec.mainClass,
        spec.classpath,
        spec.modules,
        spec.jvmOptions,
        spec.args,
        spec.ports,
        sizeBytes / 1e6,
        jlinkTime.toMillis(),
        buildTime.toMillis(),
        removed ? ", removed" : "");
  }

  /**
   * What goes into a {@link JavaServiceImage}. Each method checks its arguments at once; {@link
   * #build()} checks the machine, then builds. Not thread-safe: one thread configures and builds.
   */
  public static final class Builder {
    private final String mainClass;
    private final List<Path> classpath = new ArrayList<>();
    private final Set<String> modules = new LinkedHashSet<>(List.of("java.base"));
    private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
    private List<String> args = List.of();
    private final Set<Integer> ports = new LinkedHashSet<>();
    private String repository = DEFAULT_REPOSITORY;
    private Duration buildTimeout = DEFAULT_BUILD_TIMEOUT;

    private Builder(String mainClass) {
      this.mainClass = mainClass;
    }

    /** Adds classpath entries (existing directories of classes or jars), after those given. */
    public Builder addClasspath(List<Path> entries) {
      Preconditions.notNull(entries, "classpath");
      for (Path entry : entries) {
        Preconditions.notNull(entry, "classpath entry");
        Preconditions.check(Files.exists(entry), "classpath entry", "an existing path", entry);
      }
      classpath.addAll(entries);
      Preconditions.notEmpty(classpath, "classpath");
      return this;
    }

    /**
     * Adds JDK modules to the runtime ({@code java.base} is always in). {@code jdeps
     * --print-module-deps} over the service's classes and jars says which it needs; a missing one
     * shows as a {@code NoClassDefFoundError} in the container's log.
     */
    public Builder modules(String... names) {
      Preconditions.notNull(names, "modules");
      Preconditions.noNullElements(names, "modules");
      for (String module : names) {
        Preconditions.check(
            MODULE.matcher(module).matches(), "module", "a module name such as java.sql", module);
        Preconditions.check(
            ModuleFinder.ofSystem().find(module).isPresent(),
            "module " + module,
            "a module of this JDK (" + Runtime.version() + ")",
            "not found");
      }
      modules.addAll(List.of(names));
      return this;
    }

    /** Replaces {@link #DEFAULT_JVM_OPTIONS}: options of {@code java}, before {@code -cp}. */
    public Builder jvmOptions(String... options) {
      jvmOptions = words(options, "JVM options");
      return this;
    }

    /** The service's arguments, after the main class (a container's command comes after them). */
    public Builder args(String... arguments) {
      args = words(arguments, "args");
      return this;
    }

    /** Adds ports the service listens on in the container, each in [1, 65535]. */
    public Builder expose(int... containerPorts) {
      Preconditions.notNull(containerPorts, "ports");
      for (int port : containerPorts) {
        Preconditions.inRange(port, 1, 65_535, "port");
      }
      for (int port : containerPorts) {
        ports.add(port);
      }
      return this;
    }

    /**
     * The image's repository name (lower case, Docker's rules), default {@value
     * #DEFAULT_REPOSITORY}; each build gets a random tag.
     */
    public Builder repository(String name) {
      Preconditions.notNull(name, "repository");
      Preconditions.check(
          REPOSITORY.matcher(name).matches(),
          "repository",
          "a Docker repository name (lower-case letters, digits, '.', '_', '-', '/')",
          name);
      repository = name;
      return this;
    }

    /**
     * How long {@link #build()} waits for Docker to build the image (jlink and the copies before it
     * are not counted); past it, {@code build()} fails saying so, and Docker may still finish the
     * image in the background (it then stays, under the name the message gives).
     *
     * @param timeout in [{@link #MIN_BUILD_TIMEOUT}, {@link #MAX_BUILD_TIMEOUT}]; default {@link
     *     #DEFAULT_BUILD_TIMEOUT} (5 min)
     */
    public Builder buildTimeout(Duration timeout) {
      Preconditions.inRange(timeout, MIN_BUILD_TIMEOUT, MAX_BUILD_TIMEOUT, "build timeout");
      buildTimeout = timeout;
      return this;
    }

    /** The build timeout as {@code timeout} {@code unit}s; see {@link #buildTimeout(Duration)}. */
    public Builder buildTimeout(long timeout, TimeUnit unit) {
      Preconditions.notNull(unit, "build timeout unit");
      Preconditions.positive(timeout, "build timeout");
      return buildTimeout(Duration.ofNanos(unit.toNanos(timeout)));
    }

    /**
     * Builds the image: runs jlink, copies the C libraries and the classpath into a temporary build
     * context, and asks Docker to build it, waiting at most the {@link #buildTimeout(Duration)
     * build timeout} for Docker.
     *
     * @throws IllegalStateException when this machine cannot build it (not Linux on x86-64, no
     *     jlink, no glibc), or jlink or Docker fail, or Docker did not finish within the build
     *     timeout
     */
    public JavaServiceImage build() {
      return build(HostPlatform.current());
    }

    JavaServiceImage build(HostPlatform host) {
      host.problem()
          .ifPresent(
              why -> {
                throw new IllegalStateException(
                    "cannot build an image of " + mainClass + " here: " + why);
              });
      Builder spec = copy();
      String name = repository + ":" + UUID.randomUUID().toString().substring(0, 8);
      Path context = null;
      try {
        context = Files.createTempDirectory("spillway-image-");
        Path rootfs = context.resolve("rootfs");
        long start = System.nanoTime();
        Rootfs.jlink(rootfs, List.copyOf(spec.modules));
        Duration jlinkTime = Duration.ofNanos(System.nanoTime() - start);
        Rootfs.copyLibraries(rootfs);
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add(Rootfs.JAVA);
        entrypoint.addAll(spec.jvmOptions);
        entrypoint.addAll(
            List.of("-cp", String.join(":", Rootfs.copyClasspath(rootfs, spec.classpath))));
        entrypoint.add(spec.mainClass);
        entrypoint.addAll(spec.args);

        start = System.nanoTime();
        ImageFromDockerfile image =
            new ImageFromDockerfile(name, false)
                .withFileFromPath("rootfs", rootfs)
                .withDockerfileFromBuilder(
                    dockerfile -> {
                      dockerfile.from("scratch").copy("rootfs/", "/");
                      if (!spec.ports.isEmpty()) {
                        dockerfile.expose(spec.ports.toArray(Integer[]::new));
                      }
                      dockerfile.entryPoint(entrypoint.toArray(String[]::new));
                    });
        awaitBuild(image, spec.buildTimeout, name);
        Duration buildTime = Duration.ofNanos(System.nanoTime() - start);
        Long size =
            Docker.call(
                "inspect image " + name,
                Docker.REQUEST_TIMEOUT,
                d -> d.inspectImageCmd(name).exec().getSize());
        return new JavaServiceImage(name, spec, jlinkTime, buildTime, size == null ? -1 : size);
      } catch (IOException e) {
        throw new UncheckedIOException("could not prepare the image of " + mainClass + ": " + e, e);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "could not build the image " + name + " of " + mainClass + ": " + e.getMessage(), e);
      } finally {
        if (context != null) {
          Rootfs.deleteQuietly(context);
        }
      }
    }

    /**
     * Waits for Docker's build of the image {@code name}, at most {@code timeout}.
     *
     * @throws IllegalStateException naming the image and the timeout when Docker has not finished
     */
    static void awaitBuild(LazyFuture<String> image, Duration timeout, String name) {
      try {
        image.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "Docker did not finish building it within "
                + Durations.format(timeout)
                + " (the build timeout); it may still finish and stay: remove "
                + name
                + " then",
            e);
      }
    }

    private Builder copy() {
      Builder copy = new Builder(mainClass);
      copy.classpath.addAll(classpath);
      copy.modules.addAll(modules);
      copy.jvmOptions = jvmOptions;
      copy.args = args;
      copy.ports.addAll(ports);
      copy.repository = repository;
      copy.buildTimeout = buildTimeout;
      return copy;
    }

    private static List<String> words(String[] words, String name) {
      Preconditions.notNull(words, name);
      Preconditions.noNullElements(words, name);
      return List.of(words);
    }

    @Override
    public String toString() {
      return "JavaServiceImage.Builder[mainClass="
          + mainClass
          + ", classpath="
          + classpath
          + ", modules="
          + modules
          + ", jvmOptions="
          + jvmOptions
          + ", args="
          + args
          + ", ports="
          + ports
          + ", repository="
          + repository
          + "]";
    }
  }
}
