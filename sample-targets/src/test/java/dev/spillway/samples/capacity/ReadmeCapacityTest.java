package dev.spillway.samples.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the root README's capacity test identical to the compiled {@link CapacityQuickStartTest}.
 */
class ReadmeCapacityTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE =
      Path.of("src/test/java/dev/spillway/samples/capacity/CapacityQuickStartTest.java");

  @Test
  void readmeCapacityTest_isTheCompiledCapacityQuickStartTest() throws IOException {
    String inReadme =
        between(
            Files.readString(README),
            "<!-- snippet: capacity -->\n```java\n",
            "```\n<!-- end snippet -->");
    String inSource =
        between(
            Files.readString(SOURCE),
            "// README-SNIPPET-START capacity\n",
            "  // README-SNIPPET-END capacity");

    assertThat(normalize(inReadme)).isEqualTo(normalize(inSource));
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("marker %s", start).isNotNegative();
    int to = text.indexOf(end, from + start.length());
    assertThat(to).as("marker %s", end).isNotNegative();
    return text.substring(from + start.length(), to);
  }

  /** Indentation and blank lines aside. */
  private static String normalize(String code) {
    return Arrays.stream(code.split("\n"))
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}
