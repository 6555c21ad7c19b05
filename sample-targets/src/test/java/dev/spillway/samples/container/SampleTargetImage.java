package dev.spillway.samples.container;

import dev.spillway.junit.container.JavaServiceImage;
import dev.spillway.samples.server.SampleTargetServer;
import dev.spillway.toolkit.util.Preconditions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A container image of the sample-target server: a {@link JavaServiceImage} (built locally from
 * this machine's JDK, no registry needed) of {@link SampleTargetServer}, listening on {@link #PORT}
 * on every interface.
 *
 * <p>Built from the compiled classes, not from the shaded jar, so that tests in Maven's {@code
 * test} phase can build it before {@code package}: the server's runtime classpath is read from the
 * file named by the system property {@value #CLASSPATH_FILE_PROPERTY} (written by the build; see
 * the module's pom), and its own classes from where {@link SampleTargetServer} was loaded.
 *
 * <p>{@link #close()} removes the image. Thread-safety: immutable once built; {@link #close()} is
 * idempotent.
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

  private final JavaServiceImage image;

  private SampleTargetImage(JavaServiceImage image) {
    this.image = image;
  }

  /**
   * Builds the image from the server's compiled classes and the runtime classpath in the file named
   * by {@value #CLASSPATH_FILE_PROPERTY}.
   *
   * @throws IllegalArgumentException when the property is not set or the file is missing
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
      for (String entry : Files.readString(Path.of(file)).trim().split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          classpath.add(Path.of(entry));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SampleTargetImage(
        JavaServiceImage.of(SampleTargetServer.class.getName(), classpath)
            .modules(MODULES.toArray(String[]::new))
            .args("--bind", "0.0.0.0", "--port", Integer.toString(PORT))
            .expose(PORT)
            .repository("spillway-sample-target")
            .build());
  }

  /** The image's name and tag, such as {@code spillway-sample-target:1a2b3c4d}. */
  public String name() {
    return image.name();
  }

  /** How long {@code jlink} took. */
  public Duration jlinkTime() {
    return image.jlinkTime();
  }

  /** How long Docker took to build the image (context upload included). */
  public Duration buildTime() {
    return image.buildTime();
  }

  /** The image's size in bytes, as Docker reports it. */
  public long sizeBytes() {
    return image.sizeBytes();
  }

  /**
   * Starts a container of this image, with {@code flags} added to the server's command line (the
   * image already passes {@code --bind 0.0.0.0 --port 8080}), and waits until it answers.
   */
  public SampleTargetContainer start(String... flags) {
    return SampleTargetContainer.start(image.container(), flags);
  }

  /** Removes the image; idempotent. Containers of it must be stopped first. */
  @Override
  public void close() {
    image.close();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "SampleTargetImage[name=%s, size=%.1f MB, jlink=%d ms, build=%d ms]",
        name(),
        sizeBytes() / 1e6,
        jlinkTime().toMillis(),
        buildTime().toMillis());
  }

  private static Path classesOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the classes of " + type, e);
    }
  }
}
