package dev.spillway.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportIndexTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
  private final ReportIndex index =
      new ReportIndex(
          new PrintStream(printed, true, StandardCharsets.UTF_8),
          new PrintStream(errors, true, StandardCharsets.UTF_8));

  @Test
  void close_writesEachReportsIndexOnce_andPrintsIt_withTheRunsWrittenIntoIt() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    index.wrote(a);
    index.wrote(b);
    index.wrote(a.resolve(".")); // the same report

    assertThat(a.resolve("index.html")).doesNotExist(); // not while the runs are written
    index.close();
    Files.delete(a.resolve("index.html"));
    index.close();

    assertThat(a.resolve("index.html")).doesNotExist(); // the second close wrote nothing
    assertThat(b.resolve("index.html")).content().contains("No run results yet.");
    assertThat(index.runsWritten(a)).isEqualTo(2);
    assertThat(printed.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "spillway: report index " + a.resolve("index.html").toUri() + " (2 runs written now)",
            "spillway: report index " + b.resolve("index.html").toUri() + " (1 run written now)");
    assertThat(errors.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void close_withoutAnyRun_writesAndPrintsNothing() {
    index.close();

    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void anIndexThatCannotBeWritten_isSaid_andTheOthersAreWritten() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Path good = dir.resolve("good");
    index.wrote(file);
    index.wrote(good);

    index.close();

    assertThat(errors.toString(StandardCharsets.UTF_8))
        .startsWith("[spillway] the report index of " + file + " (1 run written now) was not");
    assertThat(good.resolve("index.html")).isRegularFile();
    assertThat(printed.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
  }
}
