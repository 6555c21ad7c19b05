package dev.spillway.junit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Keeps every snippet of the module's README identical to the compiled, tested examples. */
class ReadmeSnippetTest {

  private static final Path README = Path.of("README.md");
  private static final List<Path> SOURCES =
      List.of(
          Path.of("src/test/java/dev/spillway/junit/examples/ReadmeExamplesTest.java"),
          Path.of("src/test/java/dev/spillway/junit/examples/RealTargetExamplesTest.java"),
          Path.of("src/test/java/dev/spillway/junit/container/ContainerChaosTest.java"));
  private static final Pattern SNIPPET =
      Pattern.compile(
          "<!-- snippet: ([\\w-]+) -->\n```java\n(.*?)```\n<!-- end snippet -->", Pattern.DOTALL);

  @Test
  void everyReadmeSnippet_isTheCompiledExampleOfTheSameName() throws IOException {
    String readme = Files.readString(README);
    List<String> sources = new ArrayList<>();
    for (Path file : SOURCES) {
      sources.add(Files.readString(file));
    }
    List<String> names = new ArrayList<>();
    Matcher m = SNIPPET.matcher(readme);
    while (m.find()) {
      String name = m.group(1);
      names.add(name);
      String start = "// README-SNIPPET-START " + name + "\n";
      List<String> having = sources.stream().filter(source -> source.contains(start)).toList();
      assertThat(having).as("sources of snippet %s", name).hasSize(1);
      String inSource = between(having.get(0), start, "  // README-SNIPPET-END " + name);
      assertThat(normalize(m.group(2))).as("snippet %s", name).isEqualTo(normalize(inSource));
    }
    assertThat(names)
        .containsExactlyInAnyOrder(
            "quick-start",
            "in-code",
            "autopsy",
            "parameterized",
            "composed",
            "injector",
            "slow-method",
            "slow-downstream",
            "container-image",
            "container-chaos",
            "executor-target",
            "caller-runs",
            "discard",
            "failed",
            "reactor-sink",
            "logback-async",
            "log4j-async");
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("marker %s", start).isNotNegative();
    int to = text.indexOf(end, from + start.length());
    assertThat(to).as("marker %s", end).isNotNegative();
    return text.substring(from + start.length(), to);
  }

  /** The README shows the code two spaces to the left; blank lines and indentation aside. */
  private static String normalize(String code) {
    return Arrays.stream(code.split("\n"))
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}
