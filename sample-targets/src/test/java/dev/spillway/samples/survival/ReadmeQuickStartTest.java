package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Keeps the root README's quick start identical to the compiled, tested {@link QuickStartTest}. */
class ReadmeQuickStartTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE =
      Path.of("src/test/java/dev/spillway/samples/survival/QuickStartTest.java");

  @Test
  void readmeQuickStart_isTheCompiledQuickStartTest() throws IOException {
    String inReadme =
        between(
            Files.readString(README),
            "<!-- snippet: quick-start -->\n```java\n",
            "```\n<!-- end snippet -->");
    String inSource =
        between(
            Files.readString(SOURCE),
            "// README-SNIPPET-START quick-start\n",
            "  // README-SNIPPET-END quick-start");

    assertThat(normalize(inReadme)).isEqualTo(normalize(inSource));
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("marker %s", start).isNotNegative();
    int to = text.indexOf(end, from + start.length());
    assertThat(to).as("marker %s", end).isNotNegative();
    return text.substring(from + start.length(), to);
  }

  /** The README shows the method two spaces to the left; blank lines and indentation aside. */
  private static String normalize(String code) {
    return Arrays.stream(code.split("\n"))
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}
