package dev.spillway.samples.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.spillway.samples.server.SampleTargetServer;
import dev.spillway.toolkit.internal.Preconditions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * A container image of the sample-target server, built locally from this machine's JDK: no registry
 * is needed. {@code FROM scratch} plus a {@code jlink} runtime with just the modules the server
 * needs, the C libraries that runtime links, and the server's classes and jars, run with {@code
 * -cp}. The image has no shell: probe it from the host.
 *
 * <p>Built from the compiled classes, not from the shaded jar, so that tests in Maven's {@code
 * test} phase can build it before {@code package}: the server's runtime classpath is read from the
 * file named by the system property {@value #CLASSPATH_FILE_PROPERTY} (written by the build; see
 * the module's pom), and its own classes from where {@link SampleTargetServer} was loaded.
 *
 * <p>Needs Linux on x86-64 with glibc, like the JDK it copies. {@link #close()} removes the image
 * (nothing else would: with Ryuk disabled, Testcontainers removes containers at exit but leaves
 * images). Thread-safety: immutable once built; {@link #close()} is idempotent.
 */
public final class SampleTargetImage implements AutoCloseable {

  /** The system property naming the file that holds the server's runtime classpath. */
  public static final String CLASSPATH_FILE_PROPERTY = "spillway.runtime.classpath.file";

  /** The port the server listens on inside the container. */
  public static final int PORT = 8080;

  /**
   * The JDK modules the server needs ({@code jdeps --print-module-deps} over the server and its
   * jars, without the optional {@code java.desktop} and {@code java.sql} Jackson can use).
   */
  static final List<String> MODULES =
      List.of("java.base", "java.logging", "java.management", "java.net.http", "jdk.httpserver");

  /** The C libraries the runtime links (found with {@code ldd}), and glibc's split-off parts. */
  static final List<String> LIBRARIES =
      List.of(
          "libc.so.6",
          "libm.so.6",
          "libz.so.1",
          "libgcc_s.so.1",
          "libstdc++.so.6",
          "libpthread.so.0",
          "libdl.so.2",
          "librt.so.1");

  private static final Path LIB_DIR = Path.of("/lib/x86_64-linux-gnu");
  private static final Path LOADER = Path.of("/lib64/ld-linux-x86-64.so.2");
  private static final String MAIN = SampleTargetServer.class.getName();

  private final String name;
  private final Duration jlinkTime;
  private final Duration buildTime;
  private final long sizeBytes;
  private volatile boolean removed;

  private SampleTargetImage(String name, Duration jlinkTime, Duration buildTime, long sizeBytes) {
    this.name = name;
    this.jlinkTime = jlinkTime;
    this.buildTime = buildTime;
    this.sizeBytes = sizeBytes;
  }

  /**
   * Builds the image from the server's compiled classes and the runtime classpath in the file named
   * by {@value #CLASSPATH_FILE_PROPERTY}.
   *
   * @throws IllegalStateException when the property is not set or the file is missing
   */
  public static SampleTargetImage build() {
    String file = System.getProperty(CLASSPATH_FILE_PROPERTY);
    Preconditions.check(
        file != null && Files.isRegularFile(Path.of(file)),
        "system property " + CLASSPATH_FILE_PROPERTY,
        "the runtime-classpath file the build writes (run the tests with Maven)",
        file);
    List<Path> classpath = new ArrayList<>();
    classpath.add(classesOf(SampleTargetServer.class));
    try {
      for (String entry :
          Files.readString(Path.of(file)).trim().split(java.io.File.pathSeparator)) {
        if (!entry.isBlank()) {
          classpath.add(Path.of(entry));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return build(classpath);
  }

  /**
   * Builds the image with {@code classpath} (directories of classes and jars; the server's own
   * classes among them) as the server's classpath.
   */
  public static SampleTargetImage build(List<Path> classpath) {
    Preconditions.notEmpty(classpath, "classpath");
    for (Path entry : classpath) {
      Preconditions.check(Files.exists(entry), "classpath entry", "an existing path", entry);
    }
    Path context = null;
    try {
      context = Files.createTempDirectory("spillway-image-");
      Path rootfs = context.resolve("rootfs");
      long start = System.nanoTime();
      jlink(rootfs.resolve("opt/java"));
      Duration jlinkTime = Duration.ofNanos(System.nanoTime() - start);
      copyLibraries(rootfs);
      List<String> containerClasspath = copyClasspath(classpath, rootfs.resolve("app"));

      String name = "spillway-sample-target:" + UUID.randomUUID().toString().substring(0, 8);
      start = System.nanoTime();
      List<String> entrypoint = new ArrayList<>();
      entrypoint.addAll(
          List.of(
              "/opt/java/bin/java",
              "-XX:+UseSerialGC",
              "-XX:TieredStopAtLevel=1",
              "-XX:-UsePerfData",
              "-cp",
              String.join(":", containerClasspath),
              MAIN,
              "--bind",
              "0.0.0.0",
              "--port",
              Integer.toString(PORT)));
      new ImageFromDockerfile(name, false)
          .withFileFromPath("rootfs", rootfs)
          .withDockerfileFromBuilder(
              dockerfile ->
                  dockerfile
                      .from("scratch")
                      .copy("rootfs/", "/")
                      .expose(PORT)
                      .entryPoint(entrypoint.toArray(String[]::new))
                      .build())
          .get();
      Duration buildTime = Duration.ofNanos(System.nanoTime() - start);
      Long size = client().inspectImageCmd(name).exec().getSize();
      return new SampleTargetImage(name, jlinkTime, buildTime, size == null ? -1 : size);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the sample-target image: " + e, e);
    } finally {
      if (context != null) {
        deleteQuietly(context);
      }
    }
  }

  /** The image's name and tag, such as {@code spillway-sample-target:1a2b3c4d}. */
  public String name() {
    return name;
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
   * Starts a container of this image, with {@code flags} added to the server's command line (the
   * image already passes {@code --bind 0.0.0.0 --port 8080}), and waits until it answers.
   */
  public SampleTargetContainer start(String... flags) {
    Preconditions.check(!removed, "image " + name, "not removed", "removed");
    return SampleTargetContainer.start(this, flags);
  }

  /** Removes the image; idempotent. Containers of it must be stopped first. */
  @Override
  public void close() {
    if (removed) {
      return;
    }
    removed = true;
    try {
      client().removeImageCmd(name).withForce(true).exec();
    } catch (NotFoundException alreadyGone) {
      // nothing to remove
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "SampleTargetImage[name=%s, size=%.1f MB, jlink=%d ms, build=%d ms]",
        name,
        sizeBytes / 1e6,
        jlinkTime.toMillis(),
        buildTime.toMillis());
  }

  static DockerClient client() {
    return DockerClientFactory.instance().client();
  }

  private static Path classesOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot locate the classes of " + type, e);
    }
  }

  private static void jlink(Path output) {
    ToolProvider jlink =
        ToolProvider.findFirst("jlink")
            .orElseThrow(
                () -> new IllegalStateException("jlink is missing: run the tests on a JDK"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    int exit =
        jlink.run(
            out,
            out,
            "--add-modules",
            String.join(",", MODULES),
            "--strip-debug",
            "--no-header-files",
            "--no-man-pages",
            "--output",
            output.toString());
    if (exit != 0) {
      throw new IllegalStateException(
          "jlink failed (exit " + exit + "): " + log.toString(StandardCharsets.UTF_8));
    }
  }

  private static void copyLibraries(Path rootfs) throws IOException {
    Path libs = rootfs.resolve(LIB_DIR.toString().substring(1));
    Files.createDirectories(libs);
    for (String library : LIBRARIES) {
      Path source = LIB_DIR.resolve(library);
      if (Files.exists(source)) { // libpthread, libdl, librt are stubs that newer glibc may drop
        Files.copy(source, libs.resolve(library)); // follows the symbolic link to the file
      } else {
        Preconditions.check(!library.equals("libc.so.6"), "C library", "in " + LIB_DIR, "missing");
      }
    }
    Path loader = rootfs.resolve(LOADER.toString().substring(1));
    Files.createDirectories(loader.getParent());
    Files.copy(LOADER, loader);
    Files.createDirectories(rootfs.resolve("tmp"));
  }

  /** Copies the classpath under {@code app}; returns the entries as the container sees them. */
  private static List<String> copyClasspath(List<Path> classpath, Path app) throws IOException {
    List<String> entries = new ArrayList<>();
    int i = 0;
    for (Path entry : classpath) {
      String target = String.format(Locale.ROOT, "%02d-%s", i++, entry.getFileName());
      if (Files.isDirectory(entry)) {
        copyTree(entry, app.resolve(target));
      } else {
        Files.createDirectories(app);
        Files.copy(entry, app.resolve(target), StandardCopyOption.REPLACE_EXISTING);
      }
      entries.add("/app/" + target);
    }
    return entries;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory left behind is not worth failing a test run for
    }
  }
}
