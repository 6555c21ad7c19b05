package dev.spillway.junit.wiremock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.record.TraceEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Chaos that lasts until it is closed: {@code failing}, {@code failingWithStatus}, {@code slowed}.
 */
class DownstreamChangeTest {

  @Test
  void failing_failsEveryCall_untilClosed_thenTheAnswerBeforeItIsBack() throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(4).start()) {
      Calls http = Calls.to(downstream);
      downstream.failWithStatus(503);
      DownstreamChange resets = downstream.failing(Fault.CONNECTION_RESET_BY_PEER);
      assertThat(resets.isOpen()).isTrue();
      assertThatThrownBy(http::post)
          .isInstanceOf(IOException.class)
          .hasMessageNotContaining("answered"); // a reset, not a status
      resets.close();
      assertThat(resets.isOpen()).isFalse();
      assertThatThrownBy(http::post).hasMessageEndingWith("answered 503");
      resets.close(); // the second time does nothing
      assertThatThrownBy(http::post).hasMessageEndingWith("answered 503");
      assertThat(downstream.stats().failedOnPurpose()).isEqualTo(3);
    }
  }

  @Test
  void slowed_changesOnlyTheDelay_andKeepsTheFault() throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(4).start()) {
      Calls http = Calls.to(downstream);
      http.post(); // warm the connection
      try (DownstreamChange slow = downstream.slowed(Delay.fixed(Duration.ofMillis(200)))) {
        downstream.failWithStatus(500);
        long start = System.nanoTime();
        assertThatThrownBy(http::post).hasMessageEndingWith("answered 500");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(slow.toString())
            .isEqualTo("DownstreamChange[slow: FixedDelayModel[delay=PT0.2S], open]");
      }
      downstream.heal();
      // healed: WireMock serves one stub again, without the delay (asked of WireMock itself, not
      // inferred from how long a call took on a machine that may be busy), and answers 2xx
      assertThat(mappings(downstream))
          .contains("\"status\" : 202")
          .doesNotContain("fixedDelayMilliseconds")
          .doesNotContain("fault");
      http.post();
    }
  }

  /** The stubs WireMock serves, as its admin API lists them. */
  private static String mappings(WireMockChaos downstream) throws Exception {
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(downstream.url().resolve("/__admin/mappings"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  @Test
  void changesClosedOutOfOrder_leaveTheOthersInPlace() throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(4).start()) {
      Calls http = Calls.to(downstream);
      DownstreamChange first = downstream.failingWithStatus(500);
      DownstreamChange second = downstream.failingWithStatus(503);
      assertThatThrownBy(http::post).hasMessageEndingWith("answered 503"); // the newest wins
      second.close();
      assertThatThrownBy(http::post).hasMessageEndingWith("answered 500");
      DownstreamChange third = downstream.failingWithStatus(502);
      first.close(); // closed under a newer change: the newer one stays
      assertThatThrownBy(http::post).hasMessageEndingWith("answered 502");
      assertThat(downstream.toString()).contains("changes=[fail: status 502]");
      third.close();
      http.post(); // 202 again
    }
  }

  @Test
  void heal_endsEveryOpenChange() throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(4).start()) {
      DownstreamChange resets = downstream.failing(Fault.EMPTY_RESPONSE);
      downstream.heal();
      assertThat(resets.isOpen()).isFalse();
      Calls.to(downstream).post();
      resets.close(); // nothing left to take back
      Calls.to(downstream).post();
    }
  }

  @Test
  void everyChangeAndItsEnd_areReportedAsInjectionEvents() {
    List<TraceEvent> events = new CopyOnWriteArrayList<>();
    try (WireMockChaos downstream =
        WireMockChaos.withRequestThreads(2).events(events::add).start()) {
      try (DownstreamChange c = downstream.failing(Fault.CONNECTION_RESET_BY_PEER)) {
        assertThat(c.isOpen()).isTrue();
      }
      downstream.slowed(Delay.fixed(Duration.ofMillis(5))).close();
    }
    assertThat(events)
        .extracting(TraceEvent::detail)
        .containsExactly(
            "fail: CONNECTION_RESET_BY_PEER",
            "ended: fail: CONNECTION_RESET_BY_PEER",
            "slow: FixedDelayModel[delay=PT0.005S]",
            "ended: slow: FixedDelayModel[delay=PT0.005S]");
  }

  @Test
  void aChangeClosedAfterTheServerStopped_doesNotThrow() {
    WireMockChaos downstream = WireMockChaos.withRequestThreads(2).start();
    DownstreamChange resets = downstream.failing(Fault.CONNECTION_RESET_BY_PEER);
    downstream.close();
    resets.close();
    assertThat(resets.isOpen()).isFalse();
  }

  @Test
  void badChanges_areRejected_andChangeNothing() throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(2).start()) {
      assertThatThrownBy(() -> downstream.failing(null)).hasMessage("fault must not be null");
      assertThatThrownBy(() -> downstream.slowed(null)).hasMessage("delay must not be null");
      assertThatThrownBy(() -> downstream.slowed(Delay.fixed(Duration.ofNanos(1))))
          .hasMessageStartingWith("fixed delay must be a whole number of milliseconds");
      assertThatThrownBy(() -> downstream.failingWithStatus(200))
          .hasMessage("error status must be in [400, 599], but was 200");
      assertThat(downstream.toString()).contains("changes=[]");
      Calls.to(downstream).post();
    }
  }

  @Test
  void namedThreads_carryTheName_andEndWithTheServer() throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(2).named("someTest").start()) {
      Calls.to(downstream).post();
      assertThat(threadsNamed("spillway-wiremock-someTest-")).isNotEmpty();
    }
    assertThat(threadsNamed("spillway-wiremock-someTest-")).isEmpty();
    assertThatThrownBy(() -> WireMockChaos.withRequestThreads(2).named(" "))
        .hasMessage("name must not be blank, but was ' '");
  }

  private static List<String> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith(prefix))
        .toList();
  }
}
