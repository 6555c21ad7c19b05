package dev.spillway.samples.wiremock;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.spillway.junit.wiremock.DownstreamStats;
import dev.spillway.junit.wiremock.WireMockChaos;
import dev.spillway.samples.CloseSummary;
import dev.spillway.samples.Designs;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.EventTracker;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.load.KeyDistribution;
import dev.spillway.toolkit.load.LoadDriver;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.RunningLoad;
import dev.spillway.toolkit.load.Sender;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Faults switched on and off in the downstream while load runs: every call that met a fault is
 * FAILED in the design's ledger, every other one PROCESSED, and nothing is lost.
 */
class FaultyDownstreamTest {

  @Test
  void connectionResets_midRun_areCountedAsFailed_andNothingIsLost() throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(16).start();
        EventTracker partitioned =
            Designs.partitioned(4, Downstream.http(downstream.url(), Duration.ofSeconds(2)))) {
      downstream.slow(Delay.fixed(Duration.ofMillis(2)));
      LoadProfile profile =
          LoadProfile.builder().constant(200).perSecond().during(seconds(2)).build();
      LoadReport load;
      try (RunningLoad running =
          LoadDriver.drive(profile)
              .named("resets")
              .keys(KeyDistribution.uniform(100), 7)
              .sendTo(Sender.offering(m -> partitioned.track(m.key(), "").accepted()))
              .start()) {
        soon().until(() -> partitioned.books().completed() >= 100);
        downstream.fail(Fault.CONNECTION_RESET_BY_PEER);
        long atFault = partitioned.books().completed();
        soon().until(() -> partitioned.books().completed() >= atFault + 100);
        downstream.heal();
        load = running.awaitReport(seconds(10));
      }
      CloseSummary closed = partitioned.close(seconds(10));

      LedgerSnapshot books = closed.books();
      DownstreamStats stats = downstream.stats();
      long answered = stats.received() - stats.failedOnPurpose();
      long collateral = books.failed() - stats.failedOnPurpose();
      System.out.printf(
          "%s%n  %s%n  %d calls failed without meeting a fault in WireMock%n",
          books.describe(), stats.describe(), collateral);
      assertThat(load.accepted()).isEqualTo(400);
      assertThat(closed.drained()).isTrue();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      assertThat(books.sent()).isEqualTo(400);
      assertThat(books.dropped()).isZero();
      assertThat(books.processed() + books.failed()).isEqualTo(400);
      // every reset call is FAILED, and so are the few a reset takes down with it (the consumers
      // share the JDK HttpClient's connection pool: a call can fail on a connection being reset,
      // or never get through, or lose an answer WireMock already counted as given). So processed
      // can fall short of what WireMock answered, but only by such collateral failures.
      assertThat(collateral).isNotNegative();
      assertThat(books.processed()).isLessThanOrEqualTo(answered).isGreaterThanOrEqualTo(100);
      assertThat(answered - books.processed()).isLessThanOrEqualTo(collateral);
      assertThat(stats.failedOnPurpose()).isGreaterThanOrEqualTo(50);
      assertThat(collateral).isLessThan(stats.failedOnPurpose());
    }
  }

  @Test
  void everyKindOfFault_isAFailedEvent_inTheBooks() throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(4).start();
        EventTracker singleton =
            Designs.singleton(Downstream.http(downstream.url(), Duration.ofSeconds(2)))) {
      int perKind = 5;
      int kinds = 0;
      for (Fault fault : Fault.values()) {
        downstream.fail(fault);
        track(singleton, perKind, ++kinds * perKind);
      }
      downstream.failWithStatus(500);
      track(singleton, perKind, ++kinds * perKind);
      downstream.failWithStatus(503);
      track(singleton, perKind, ++kinds * perKind);
      downstream.heal();
      track(singleton, perKind, ++kinds * perKind);

      LedgerSnapshot books = singleton.close(seconds(10)).books();
      assertThat(books.failed()).isEqualTo((long) (kinds - 1) * perKind);
      assertThat(books.processed()).isEqualTo(perKind);
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      // one consumer, one call at a time: every failed call met a fault, none was collateral
      assertThat(downstream.stats().failedOnPurpose()).isEqualTo(books.failed());
      assertThat(downstream.stats().received()).isEqualTo(books.sent());
    }
  }

  /** Tracks {@code n} events and waits until {@code completed} events have been handled. */
  private static void track(EventTracker design, int n, long completed) {
    for (int i = 0; i < n; i++) {
      design.track("k", "");
    }
    soon().until(() -> design.books().completed() == completed);
  }

  private static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
