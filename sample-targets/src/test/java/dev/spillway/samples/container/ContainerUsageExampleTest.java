package dev.spillway.samples.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.container.ContainerInjection;
import dev.spillway.toolkit.load.LoadDriver;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.RunningLoad;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's container-chaos example, compiled and run ({@code ReadmeSnippetsTest}). */
// README-SNIPPET-START container-chaos
@RequiresSampleTargetImage
class ContainerUsageExampleTest {

  @Test
  void aFrozenServer_timesRequestsOut(SampleTargetImage image) throws Exception {
    try (SampleTargetContainer target = image.start("--service-time=5ms")) {
      HttpEventSender sender =
          HttpEventSender.to(target.baseUrl(), "singleton", Duration.ofMillis(300));
      LoadProfile profile =
          LoadProfile.builder().constant(50).perSecond().during(Duration.ofSeconds(1)).build();
      try (ContainerInjection frozen = target.chaos().pause(); // closing unpauses
          RunningLoad load = LoadDriver.drive(profile).sendAsyncTo(sender).start()) {
        LoadReport report = load.awaitReport(Duration.ofSeconds(30));
        System.out.println(frozen.description() + ": " + report.failed() + " failed");
        assertThat(sender.timeouts()).isEqualTo(report.failed()).isEqualTo(50);
      }
      try (ContainerInjection starved = target.chaos().limitCpu(0.25)) { // a quarter of a CPU
        System.out.println(starved.description()); // --work cpu consumers slow down now
      }
    }
  }
}
// README-SNIPPET-END container-chaos
