package dev.spillway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  static final String HOSTILE = "<script>alert('x')</script> & \"quotes\"";

  /** Attribute values that would make a browser fetch something. */
  private static final Pattern FETCHING =
      Pattern.compile(
          "(?i)(src|href|xlink:href|action|poster|data)\\s*=\\s*[\"']?\\s*(https?:|//|ftp:)");

  static void assertLoadsNothing(String html) {
    assertThat(html).doesNotContain("http://").doesNotContain("https://");
    assertThat(FETCHING.matcher(html).find()).as("an attribute that fetches").isFalse();
    assertThat(html.toLowerCase(java.util.Locale.ROOT))
        .doesNotContain("<script")
        .doesNotContain("@import")
        .doesNotContain("url(")
        .doesNotContain("<link")
        .doesNotContain("<iframe")
        .doesNotContain("<img");
  }

  private static int count(String text, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void write_writesTheJsonThePageAndTheIndex(@TempDir Path dir) throws Exception {
    ReportWriter writer = ReportWriter.to(dir);

    WrittenRun written = writer.write(SampleRuns.singleton());

    assertThat(written.json()).isEqualTo(dir.resolve("runs/singleton-spike.json")).isRegularFile();
    assertThat(written.page()).isEqualTo(dir.resolve("runs/singleton-spike.html")).isRegularFile();
    assertThat(written.index()).isEqualTo(dir.resolve("index.html")).isRegularFile();
    assertThat(RunResultJson.read(written.json())).isEqualTo(SampleRuns.singleton());
    assertThat(Files.readString(written.page()))
        .contains("<td class=\"num\">did not drain</td><td class=\"broken\">BROKEN</td>");
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(written.page())))
          .startsWith("rw-r--r--");
    }
  }

  @Test
  void writeRun_leavesTheIndex_toWriteIndex_whichListsEveryResultInRuns(@TempDir Path dir)
      throws Exception {
    ReportWriter writer = ReportWriter.to(dir);
    RunResultJson.write(SampleRuns.bounded(), writer.runsDirectory().resolve("bounded-spike.json"));

    WrittenRun singleton = writer.writeRun(SampleRuns.singleton());
    WrittenRun sentinel = writer.writeRun(SampleRuns.sentinel());

    assertThat(singleton.page()).isRegularFile();
    assertThat(sentinel.json()).isRegularFile();
    assertThat(writer.indexFile()).doesNotExist();
    assertThat(writer.writeIndex()).isEqualTo(singleton.index()).isEqualTo(sentinel.index());
    assertThat(Files.readString(writer.indexFile()))
        .contains("runs/singleton-spike.html", "runs/sentinel-spike.html")
        .contains("runs/bounded-spike.html"); // an earlier run's result stays listed
  }

  @Test
  void writeIndex_withNoRunYet_writesAnEmptyMatrix(@TempDir Path dir) throws Exception {
    Path index = ReportWriter.to(dir.resolve("new")).writeIndex();

    assertThat(Files.readString(index)).contains("No run results yet.");
  }

  @Test
  void runPage_holdsOneDepthChartPerProbe_plusTheRateChart(@TempDir Path dir) throws Exception {
    RunResult run = SampleRuns.partitioned();

    String html = Files.readString(ReportWriter.to(dir).write(run).page());

    assertThat(count(html, "<svg ")).isEqualTo(5);
    assertThat(count(html, "aria-label=\"queue depth of ")).isEqualTo(4);
    for (int p = 0; p < 4; p++) {
      assertThat(html).contains("aria-label=\"queue depth of orders-" + p + " over time\"");
    }
    assertThat(html).contains("aria-label=\"offered and served rate over time\"");
  }

  @Test
  void runPage_drawsTheBoundTheBreachesThePhasesAndThePeak(@TempDir Path dir) throws Exception {
    String html = Files.readString(ReportWriter.to(dir).write(SampleRuns.sentinel()).page());

    assertThat(html).contains("bound 100");
    assertThat(count(html, "<circle class=\"marker\" ")).isEqualTo(2); // the breach and the peak
    assertThat(html).contains("sentinel breach at 2.2 s: depth 60");
    assertThat(count(html, "<rect class=\"phase\"")).isEqualTo(2 * 3); // 3 phases, 2 charts
    assertThat(html).contains("peak 61 at ");
    assertThat(html).contains(">SHED</span>");
    assertThat(html)
        .contains("<h3>Drops by reason</h3>")
        .contains("shed by the sentinel: the caller was not told");
    assertThat(html).contains("<th>p99</th>");
  }

  @Test
  void runPage_withoutMeasuredRates_drawsTheIntendedRate(@TempDir Path dir) throws Exception {
    String html = Files.readString(ReportWriter.to(dir).write(SampleRuns.bounded()).page());

    assertThat(html).contains("intended (the plan)").doesNotContain("offered λ (sent)");
    assertThat(html).contains("The intended rate of the load plan");
  }

  @Test
  void pages_loadNothingFromTheNetwork(@TempDir Path dir) throws Exception {
    ReportWriter writer = ReportWriter.to(dir);

    Path index = writer.writeAll(SampleRuns.all());

    assertLoadsNothing(Files.readString(index));
    for (RunResult run : SampleRuns.all()) {
      assertLoadsNothing(Files.readString(dir.resolve("runs/" + run.id() + ".html")));
    }
  }

  @Test
  void assertLoadsNothing_catchesAnExternalScript() {
    assertThatThrownBy(() -> assertLoadsNothing("<p><img src=//cdn.example/x.png></p>"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertLoadsNothing("<style>@import 'x.css';</style>"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void pages_escapeHostileNames(@TempDir Path dir) throws Exception {
    QueueTrace trace =
        SampleRuns.trace(List.of(SampleRuns.series(HOSTILE, t -> t / 100, 0, 1)), List.of());
    RunResult run =
        RunResult.builder(HOSTILE)
            .id("hostile")
            .design(HOSTILE)
            .scenario("<b>bold</b>")
            .trace(trace)
            .verdict(Verdict.LOST, "explained with </p><script>x()</script>")
            .bound(BoundCheck.queue(HOSTILE, 10, trace.series(HOSTILE).highWaterMark()))
            .injector("inj'\"<>", java.util.Map.of("k<", "v&"))
            .detail("<i>", "</table>")
            .build();

    WrittenRun written = ReportWriter.to(dir).write(run);
    String page = Files.readString(written.page());
    String index = Files.readString(written.index());

    for (String html : List.of(page, index)) {
      assertThat(html)
          .doesNotContain("<script>")
          .doesNotContain("<b>bold</b>")
          .doesNotContain("'x'");
      assertThat(html)
          .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;");
    }
    assertThat(page)
        .doesNotContain("</table>\"")
        .contains("&lt;/table&gt;")
        .contains("k&lt; = v&amp;");
    assertThat(page).contains("aria-label=\"queue depth of &lt;script&gt;");
    assertLoadsNothing(page);
  }

  @Test
  void index_showsTheSurvivalMatrix_linkingToEachRun(@TempDir Path dir) throws Exception {
    String index = Files.readString(ReportWriter.to(dir).writeAll(SampleRuns.all()));

    assertThat(index).contains("<table class=\"matrix\">").contains("spike 150→250/s");
    for (String design : List.of("singleton", "partitioned", "bounded", "sentinel-watched")) {
      assertThat(index).contains("<th class=\"design\">" + design + "</th>");
    }
    assertThat(index).contains("href=\"runs/singleton-spike.html\"");
    assertThat(index) // each figure kept on one line
        .contains(
            "<span class=\"nw\">HWM 204</span> · <span class=\"nw\">shed 0.1%</span> · "
                + "<span class=\"nw\">p99 250 µs</span>");
    assertThat(index).contains("4 runs: 1 OVERFLOWED, 2 SHED, 1 SURVIVED");
  }

  @Test
  void rebuild_rendersPagesForResultsDroppedIn_andListsUnreadableOnes(@TempDir Path dir)
      throws Exception {
    ReportWriter writer = ReportWriter.to(dir);
    Files.createDirectories(writer.runsDirectory());
    RunResultJson.write(SampleRuns.bounded(), writer.runsDirectory().resolve("bounded-spike.json"));
    Files.writeString(writer.runsDirectory().resolve("garbage.json"), "{not json");

    Path index = writer.rebuild();

    assertThat(writer.runsDirectory().resolve("bounded-spike.html")).isRegularFile();
    String html = Files.readString(index);
    assertThat(html).contains("href=\"runs/bounded-spike.html\"");
    assertThat(html)
        .contains("Unreadable results")
        .contains("garbage.json: run result is not valid JSON");
  }

  @Test
  void importResults_joinsResultsWrittenElsewhere(@TempDir Path dir) throws Exception {
    Path gatling = dir.resolve("gatling");
    RunResultJson.write(SampleRuns.sentinel(), gatling.resolve("sentinel.json"));
    ReportWriter writer = ReportWriter.to(dir.resolve("report"));
    writer.write(SampleRuns.singleton());

    List<WrittenRun> imported = writer.importResults(gatling);

    assertThat(imported).extracting(w -> w.run().id()).containsExactly("sentinel-spike");
    String index = Files.readString(writer.indexFile());
    assertThat(index).contains("runs/sentinel-spike.html").contains("runs/singleton-spike.html");
  }

  @Test
  void importResults_rejectsAMalformedResult_beforeWritingAnything(@TempDir Path dir)
      throws Exception {
    Path gatling = dir.resolve("gatling");
    RunResultJson.write(SampleRuns.sentinel(), gatling.resolve("a.json"));
    Files.writeString(gatling.resolve("b.json"), "");
    ReportWriter writer = ReportWriter.to(dir.resolve("report"));

    assertThatThrownBy(() -> writer.importResults(gatling))
        .isInstanceOf(ReportFormatException.class)
        .hasMessageContaining("b.json: run result is empty");
    assertThat(writer.indexFile()).doesNotExist();
  }

  @Test
  void writeAll_rejectsDuplicateIds_beforeWritingAnything(@TempDir Path dir) {
    ReportWriter writer = ReportWriter.to(dir);

    assertThatThrownBy(() -> writer.writeAll(List.of(SampleRuns.bounded(), SampleRuns.bounded())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("run id must be unique among the runs written, but was 'bounded-spike' twice");
    assertThat(dir.resolve("runs")).doesNotExist();
  }

  @Test
  void consoleLine_givesTheVerdictTheFiguresAndThePagesPath(@TempDir Path dir) throws Exception {
    WrittenRun written = ReportWriter.to(dir).write(SampleRuns.singleton());

    assertThat(written.consoleLine())
        .startsWith(
            "spillway: OVERFLOWED singleton-spike (HWM 204 · shed 0.1% · p99 250 µs · BOUND BROKEN) file:")
        .endsWith("/runs/singleton-spike.html");
  }

  @Test
  void consoleLine_ofACapacitySearch_givesItsKnee(@TempDir Path dir) throws Exception {
    WrittenRun written =
        ReportWriter.to(dir).writeRun(SampleCapacity.run("capacity-singleton", "singleton", 200));

    assertThat(written.consoleLine())
        .startsWith("spillway: CAPACITY capacity-singleton (Knee 200/s")
        .endsWith("/runs/capacity-singleton.html");
  }

  @Test
  void aDetailThatIsALink_isOne_andNothingElseIs(@TempDir Path dir) throws Exception {
    RunResult run =
        RunResult.builder("linked")
            .design("d")
            .scenario("s")
            .startedAt(java.time.Instant.parse("2026-12-05T10:00:00Z"))
            .duration(java.time.Duration.ofSeconds(1))
            .notJudged("a run with details only")
            .detail("gatling report", "file:///tmp/gatling/run-1/index.html")
            .detail("metrics", "http://127.0.0.1:8080/metrics.json")
            .detail("not a link", "javascript:alert(1)")
            .detail("text with a url", "see http://x.example/ for more")
            .build();

    String page = Files.readString(ReportWriter.to(dir).writeRun(run).page());

    assertThat(page)
        .contains(
            "<a href=\"file:///tmp/gatling/run-1/index.html\">file:///tmp/gatling/run-1/index.html</a>")
        .contains(
            "<a href=\"http://127.0.0.1:8080/metrics.json\">http://127.0.0.1:8080/metrics.json</a>")
        .doesNotContain("href=\"javascript")
        .doesNotContain("href=\"see");
  }
}
