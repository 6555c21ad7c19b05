package dev.spillway.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReportIndexTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final ReportIndex index =
      new ReportIndex(new PrintStream(printed, true, StandardCharsets.UTF_8));

  @Test
  void close_printsEachReportOnce_withTheRunsWrittenIntoIt() {
    Path a = Path.of("target", "a", "index.html");
    Path b = Path.of("target", "b", "index.html");
    index.wrote(a);
    index.wrote(b);
    index.wrote(Path.of("target", "a", ".", "index.html")); // the same page

    index.close();
    index.close();

    assertThat(index.runsWritten(a)).isEqualTo(2);
    assertThat(printed.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "spillway: report index " + a.toAbsolutePath().toUri() + " (2 runs written now)",
            "spillway: report index " + b.toAbsolutePath().toUri() + " (1 run written now)");
  }

  @Test
  void close_withoutAnyRun_printsNothing() {
    index.close();

    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
