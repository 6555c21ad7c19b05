package dev.spillway.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.capacity.CapacityTrial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run page of a capacity search: the knee, the capacity curve and the trials' table. */
class CapacityPageTest {

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void runPage_showsTheKnee_itsInterval_andMuAtSaturation() {
    RunResult run = SampleCapacity.run("capacity-singleton", "singleton", 200);
    CapacityResult c = run.capacity().orElseThrow();

    String page = RunPage.render(run);

    assertThat(c.knee().getAsDouble()).isEqualTo(200);
    assertThat(c.kneeHigh()).isEqualTo(206.25);
    assertThat(page)
        .contains("<h2>Capacity</h2>")
        .contains(
            "Knee 200/s: the highest offered rate sustained; the capacity lies in [200,"
                + " 206]/s; μ at saturation 199/s. 8 trials in 24 s of a stated budget of 1"
                + " min.")
        .contains(
            "<div class=\"label\">capacity knee</div><div class=\"value\">200/s [200,"
                + " 206]</div>");
  }

  @Test
  void runPage_drawsEachTrialOnEachCurve_sustainedFilled_andTheOthersHollow() {
    RunResult run = SampleCapacity.run("capacity-singleton", "singleton", 200);
    CapacityResult c = run.capacity().orElseThrow();
    long sustained = c.trials().stream().filter(CapacityTrial::sustained).count();
    long notSustained = c.trials().size() - sustained;

    String page = RunPage.render(run);

    assertThat(sustained).isEqualTo(4);
    assertThat(notSustained).isEqualTo(4);
    // three curves: μ against λ, p99 against λ, growth against λ
    assertThat(count(page, "<circle class=\"marker\"[^>]*fill=\"" + CapacitySection.SUSTAINED))
        .isEqualTo(3 * 4);
    assertThat(
            count(
                page,
                "<circle class=\"marker\"[^>]*fill=\"#ffffff\" stroke=\""
                    + CapacitySection.NOT_SUSTAINED))
        .isEqualTo(3 * 4);
    assertThat(count(page, "<title>the capacity lies in \\[200, 206\\]/s</title>")).isEqualTo(3);
    assertThat(page)
        .contains("aria-label=\"served rate against the offered rate\"")
        .contains("aria-label=\"p99 latency against the offered rate\"")
        .contains("aria-label=\"queue growth against the offered rate\"")
        .contains("offered rate λ (messages/s)")
        .contains("μ at saturation 199/s</text>");
  }

  @Test
  void runPage_listsTheTrials_inTheOrderTheyRan_withEachReason() {
    RunResult run = SampleCapacity.run("capacity-singleton", "singleton", 200);

    String page = RunPage.render(run);

    String table = page.substring(page.indexOf("<h3>Trials, in the order they ran</h3>"));
    table = table.substring(0, table.indexOf("</table>"));
    assertThat(count(table, "<tr><td class=\"num\">")).isEqualTo(8);
    assertThat(table.indexOf(">250/s<")).isLessThan(table.indexOf(">225/s<"));
    assertThat(table)
        .contains("queue grew 51.0 ± 0.4 msg/s (&gt; 0 at 99%): stopped at the first clear breach")
        .contains("<td class=\"broken\">NO</td>")
        .contains("sustained: growth 0.1 ± 0.4 msg/s, p99 within 50 ms, nothing lost");
  }

  @Test
  void runPage_ofASearchThatNeverSaturated_saysTheCapacityIsAtLeastTheTopRate() {
    RunResult run =
        RunResult.builder("every rate held")
            .startedAt(SampleRuns.START)
            .duration(java.time.Duration.ofSeconds(6))
            .capacity(SampleCapacity.neverSaturated(400))
            .build();

    String page = RunPage.render(run);

    assertThat(page)
        .contains("the capacity lies in [400, 400]/s or above (no trial broke: the search never")
        .doesNotContain("μ at saturation")
        .doesNotContain("not sustained</text>");
  }

  @Test
  void runPage_withoutCapacity_hasNoCapacitySection() {
    assertThat(RunPage.render(SampleRuns.singleton())).doesNotContain("<h2>Capacity</h2>");
  }

  @Test
  void report_writesTheCapacityPages(@TempDir Path dir) throws Exception {
    ReportWriter writer = ReportWriter.to(dir);
    writer.writeAll(SampleCapacity.partitionedRuns());

    Path page = writer.runsDirectory().resolve("capacity-partitioned-4.html");

    assertThat(Files.readString(page)).contains("<h2>Capacity</h2>");
  }

  @Test
  void index_showsTheKnees_andTheScalabilityFit_ofAFamily() {
    List<RunResult> runs = new ArrayList<>(SampleRuns.all());
    runs.addAll(SampleCapacity.partitionedRuns());

    String index = IndexPage.render(runs, List.of(), SampleRuns.START);

    assertThat(index)
        .contains("<h2>Scalability across consumer counts</h2>")
        .contains("<h3>partitioned</h3>")
        .contains("aria-label=\"capacity of partitioned against its consumer count\"")
        .contains("consumers N</text>")
        .contains("N* ≈ 6.892")
        .contains("least squares over 4 points at N = 1, 2, 4, 8 (1 degree of freedom)")
        .contains("<span class=\"nw\">knee 576/s</span>");
    String section =
        index.substring(index.indexOf("<h3>partitioned</h3>"), index.indexOf("<h2>Runs</h2>"));
    assertThat(count(section, "<circle class=\"marker\"[^>]*fill=\"" + ScalabilitySection.KNEES))
        .isEqualTo(4);
    assertThat(count(section, "<a href=\"runs/capacity-partitioned-\\d.html\">")).isEqualTo(4);
  }

  @Test
  void index_saysWhyAFamilyHasNoFit() {
    List<RunResult> runs =
        List.of(
            SampleCapacity.run("pool-1", "pool(1)", 100),
            SampleCapacity.run("pool-2", "pool(2)", 180));

    String index = IndexPage.render(runs, List.of(), SampleRuns.START);

    assertThat(index)
        .contains("<h3>pool</h3>")
        .contains(
            "No fit: a scalability fit of &#39;pool&#39; needs capacities at 3 or more distinct"
                + " consumer counts (the law has three parameters), but had 2 (N = 1, 2).")
        .doesNotContain("capacity of pool against its consumer count");
  }

  @Test
  void index_withoutCountedCapacityRuns_hasNoScalabilitySection() {
    String index = IndexPage.render(SampleRuns.all(), List.of(), SampleRuns.START);

    assertThat(index).doesNotContain("Scalability across consumer counts");
  }
}
