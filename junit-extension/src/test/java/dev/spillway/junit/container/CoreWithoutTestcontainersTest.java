package dev.spillway.junit.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.OverloadTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core extension ({@code dev.spillway.junit} and {@code .internal}) never refers to
 * Testcontainers or docker-java, so a user without them on the class path can use every other
 * annotation: no class file of the core names one of their classes (in its constant pool, where
 * every class a class uses is named), while this package's do.
 */
class CoreWithoutTestcontainersTest {

  private static final List<String> OPTIONAL =
      List.of("org/testcontainers/", "com/github/dockerjava/");

  @Test
  void noClassOfTheCore_namesTestcontainersOrDockerJava() throws Exception {
    Path junit = classes().resolve("dev/spillway/junit");
    List<Path> core = classFiles(junit, false);
    core.addAll(classFiles(junit.resolve("internal"), true));
    assertThat(core).as("the core's class files").hasSizeGreaterThan(20);

    assertThat(core).allSatisfy(file -> assertThat(optionalNamedIn(file)).as("%s", file).isEmpty());
  }

  @Test
  void theScan_findsThemWhereTheyAre() throws Exception {
    // the scan can fail: this package's classes do name Testcontainers and docker-java
    Path container = classes().resolve("dev/spillway/junit/container");
    assertThat(optionalNamedIn(container.resolve("JavaServiceImage.class")))
        .contains("org/testcontainers/");
    assertThat(optionalNamedIn(container.resolve("ContainerChaos.class")))
        .contains("com/github/dockerjava/");
  }

  private static Path classes() throws URISyntaxException {
    return Path.of(OverloadTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static List<Path> classFiles(Path dir, boolean recursive) throws IOException {
    try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".class"))
          .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    }
  }

  /** The optional packages a class file names (class names are ASCII in the constant pool). */
  private static List<String> optionalNamedIn(Path classFile) {
    try {
      String bytes = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
      return OPTIONAL.stream().filter(bytes::contains).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
