package dev.spillway.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keeps the module README's marked snippets identical to the compiled, tested code they show. */
class ReadmeSnippetsTest {

  private static final Path README = Path.of("README.md");
  private static final Path TESTS = Path.of("src/test/java/dev/spillway/samples");

  @ParameterizedTest
  @CsvSource({
    "slow-downstream, wiremock/WireMockUsageExampleTest.java",
    "container-chaos, container/ContainerUsageExampleTest.java"
  })
  void aReadmeSnippet_isTheCodeOfItsTest(String snippet, String source) throws IOException {
    String inReadme =
        between(
            Files.readString(README),
            "<!-- snippet: " + snippet + " -->\n```java\n",
            "```\n<!-- end snippet -->");
    String inSource =
        between(
            Files.readString(TESTS.resolve(source)),
            "// README-SNIPPET-START " + snippet + "\n",
            "// README-SNIPPET-END " + snippet);

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
