package dev.spillway.samples.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every container type rejects bad arguments before it talks to Docker (so: without Docker). */
class ContainerChaosArgumentsTest {

  private static final ContainerChaos CHAOS = ContainerChaos.of("0123456789abcdef0123");

  @ParameterizedTest
  @ValueSource(doubles = {0, 0.009, -1, 1024.5, Double.NaN, Double.POSITIVE_INFINITY})
  void aCpuLimitOutsideItsRange_isRejected(double cpus) {
    assertThatThrownBy(() -> CHAOS.limitCpu(cpus))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CPUs must be in [0.01, 1024.0], but was " + cpus);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 601})
  void aRestartGraceOutside0To600Seconds_isRejected(int seconds) {
    assertThatThrownBy(() -> CHAOS.restart(seconds))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("grace seconds must be in [0, 600], but was " + seconds);
  }

  @Test
  void aMissingContainerOrSink_isRejected() {
    assertThatThrownBy(() -> ContainerChaos.of(" "))
        .hasMessage("container id must not be blank, but was ' '");
    assertThatThrownBy(() -> ContainerChaos.of(null)).hasMessage("container id must not be null");
    assertThatThrownBy(() -> ContainerChaos.of("abc", null))
        .hasMessage("event sink must not be null");
    assertThat(CHAOS.containerId()).isEqualTo("0123456789abcdef0123");
  }

  @Test
  void theSender_rejectsBadUrlsDesignsAndTimeouts() {
    URI base = URI.create("http://localhost:8080");
    assertThatThrownBy(() -> HttpEventSender.to(null, "singleton", Duration.ofSeconds(1)))
        .hasMessage("base URL must not be null");
    assertThatThrownBy(
            () -> HttpEventSender.to(URI.create("ftp://x/"), "singleton", Duration.ofSeconds(1)))
        .hasMessage("base URL must be an absolute http:// URL, but was ftp://x/");
    assertThatThrownBy(() -> HttpEventSender.to(base, "", Duration.ofSeconds(1)))
        .hasMessage("design must not be blank, but was ''");
    assertThatThrownBy(() -> HttpEventSender.to(base, "singleton", Duration.ZERO))
        .hasMessage("request timeout must be a positive duration, but was PT0S");
  }

  @Test
  void theImage_rejectsAnEmptyOrMissingClasspath_beforeBuildingAnything() {
    assertThatThrownBy(() -> SampleTargetImage.build(List.of()))
        .hasMessage("classpath must not be empty");
    assertThatThrownBy(() -> SampleTargetImage.build(List.of(Path.of("/no/such/dir"))))
        .hasMessage("classpath entry must be an existing path, but was /no/such/dir");
  }
}
