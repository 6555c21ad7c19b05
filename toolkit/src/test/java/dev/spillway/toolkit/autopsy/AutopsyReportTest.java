package dev.spillway.toolkit.autopsy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AutopsyReportTest {

  private static AutopsyReport report(List<MethodShare> methods, List<String> limits) {
    return new AutopsyReport(
        Optional.empty(),
        Duration.ofSeconds(2),
        Duration.ofMillis(10),
        List.of("consumer"),
        150,
        new TimeShares(Duration.ofSeconds(2), 0.05, 0.9, 0.03, 0, 0, 0.02),
        methods,
        new GcFigures(
            Duration.ofMillis(24),
            0.012,
            List.of(
                new GcPause(
                    Duration.ofMillis(300),
                    Duration.ofMillis(24),
                    "G1New",
                    OptionalLong.of(12_000_000)))),
        OptionalLong.of(70_000_000),
        limits);
  }

  @Test
  void summary_namesTheTopMethods_theWaits_gcAndAllocation_inOneLine() {
    AutopsyReport r =
        report(
            List.of(
                new MethodShare(
                    "com.shop.OrderRepository.insert",
                    0.94,
                    0.01,
                    0.9,
                    Optional.of("java.lang.Thread.sleep")),
                new MethodShare("com.shop.Parser.parse", 0.03, 0.03, 0, Optional.empty())),
            List.of());

    assertThat(r.summary())
        .isEqualTo(
            "autopsy of 1 thread over 2 s: 94% in OrderRepository.insert (in Thread.sleep), 3.0% in"
                + " Parser.parse; 90% sleeping, 3.0% parked; GC 1.2% of the time (1 collection);"
                + " 35.0 MB/s allocated");
    assertThat(r.shareOf("OrderRepository.insert")).isEqualTo(0.94);
    assertThat(r.shareOf("com.shop.Parser.parse")).isEqualTo(0.03);
    assertThat(r.shareOf("Nowhere.else")).isZero();
  }

  @Test
  void summary_endsWithTheLimits() {
    AutopsyReport r = report(List.of(), List.of("only 3 execution samples"));
    assertThat(r.summary())
        .contains("no method ranked")
        .endsWith("; LIMIT: only 3 execution samples");
  }

  @Test
  void anAutopsyThatDidNotRecord_saysWhy_andHoldsNoFigures() {
    AutopsyReport r =
        AutopsyReport.unavailable("this JVM has no jdk.jfr module", Duration.ofMillis(10));
    assertThat(r.recorded()).isFalse();
    assertThat(r.summary()).isEqualTo("autopsy: not recorded (this JVM has no jdk.jfr module)");
    assertThat(r.topMethod()).isEmpty();
    assertThat(r.allocationRate()).isEmpty();
  }

  @Test
  void sharesOutOfOrder_orOutOfRange_areRejected() {
    MethodShare small = new MethodShare("a.B.c", 0.1, 0, 0, Optional.empty());
    MethodShare large = new MethodShare("a.B.d", 0.5, 0, 0, Optional.empty());
    assertThatThrownBy(() -> report(List.of(small, large), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("top methods must be in decreasing order of share");
    assertThatThrownBy(() -> new MethodShare("a.B.c", 1.5, 0, 0, Optional.empty()))
        .hasMessage("share of a.B.c must be in [0, 1], but was 1.5");
    assertThatThrownBy(() -> new MethodShare("a.B.c", 0.5, 0.4, 0.4, Optional.empty()))
        .hasMessageContaining("self and wait shares of a.B.c must be at most its share 0.5");
    assertThatThrownBy(() -> new TimeShares(Duration.ofSeconds(1), 0.6, 0.6, 0, 0, 0, 0))
        .hasMessageContaining("sum of the time shares must be at most 1");
  }
}
