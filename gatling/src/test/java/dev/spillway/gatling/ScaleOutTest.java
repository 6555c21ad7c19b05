package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.gatling.Injection.Step;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.PhaseKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleOutTest {

  static final LoadProfile PROFILE =
      LoadProfile.builder()
          .constant(150)
          .perSecond()
          .during(Duration.ofSeconds(1))
          .ramp(100)
          .to(300)
          .perSecond()
          .during(Duration.ofSeconds(2))
          .burst(41)
          .build();

  @Test
  void eachInjector_sendsItsShare_andTheSharesAddUpToTheProfile() {
    List<Step> first = Injection.plan(PROFILE, new Injectors(2, 0));
    List<Step> second = Injection.plan(PROFILE, new Injectors(2, 1));

    assertThat(first)
        .containsExactly(
            new Step(PhaseKind.CONSTANT, 75, 75, Duration.ofSeconds(1), 0),
            new Step(PhaseKind.RAMP, 50, 150, Duration.ofSeconds(2), 0),
            new Step(PhaseKind.BURST, 0, 0, Duration.ZERO, 21));
    assertThat(second.get(2).users()).isEqualTo(20); // 41 = 21 + 20
    assertThat(Injection.plan(PROFILE, Injectors.single())).isEqualTo(Injection.plan(PROFILE));
  }

  @Test
  void badInjectorSettings_nameTheSettingTheValueAndTheRule() {
    assertThatThrownBy(() -> new Injectors(2, 2))
        .hasMessage("injector index must be from 0 to 1 (the injector count less one), but was 2");
    assertThatThrownBy(() -> new Injectors(0, 0))
        .hasMessage("injector count must be from 1 to 1000, but was 0");
    System.setProperty(Injectors.COUNT_PROPERTY, "two");
    try {
      assertThatThrownBy(Injectors::fromSystemProperties)
          .hasMessage("-Dspillway.injectors must be a whole number, but was 'two'");
    } finally {
      System.clearProperty(Injectors.COUNT_PROPERTY);
    }
    assertThat(Injectors.fromSystemProperties()).isEqualTo(Injectors.single());
  }

  @Test
  void anInjectorsAnswers_reachTheJudge_whole(@TempDir Path dir) throws IOException {
    Histogram times = new Histogram(3);
    times.recordValue(3_000_000);
    times.recordValue(40_000_000);
    Instant before = Instant.now().minusSeconds(1);
    TallyFiles.write(
        dir, "run", 1, Map.of("orders", new TallyFiles.Share(new ClientOutcomes(90, 9, 1), times)));

    List<Map<String, TallyFiles.Share>> others = TallyFiles.readOthers(dir, "run", 3, before);

    assertThat(others).hasSize(1); // injector 2's file is not there (yet)
    TallyFiles.Share share = others.get(0).get("orders");
    assertThat(share.outcomes()).isEqualTo(new ClientOutcomes(90, 9, 1));
    assertThat(share.responseNanos()).isEqualTo(times);
    assertThat(TallyFiles.readOthers(dir, "run", 3, Instant.now().plusSeconds(60))).isEmpty();

    TallyFiles.clear(dir, "run");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
