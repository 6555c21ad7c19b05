package dev.spillway.samples.container;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.AllowProbeGaps;
import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.SpikeLoad;
import dev.spillway.junit.container.DockerChaos;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;

/**
 * Container chaos as an injector of the extension: an overload test freezes the containerized
 * server for exactly the peak of its spike ({@code harness.during("spike peak", ...)}), and the
 * extension judges the run by the server's own books ({@link ServerBooks}, mirrored from its
 * /metrics) — the requests of the frozen peak time out explicitly at the client, the queue takes
 * the backlog after unpausing and drains, and nothing the server took is lost. The frozen server
 * cannot serve its /metrics either: the depth samples of the peak are lost, which the run allows
 * ({@link AllowProbeGaps}) and reports as a caveat.
 */
@RequiresSampleTargetImage
class ContainerOverloadTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);

  @OverloadTest(setupTimeout = "60s")
  @SpikeLoad(base = 50, peak = 100, at = "1s", hold = "1s", duration = "3s")
  @DrainsWithin("5s")
  @AllowProbeGaps("the server is frozen for the peak: its /metrics cannot answer meanwhile")
  @ExpectVerdict(Verdict.FAILED) // the caller's timeouts are failures, though the server's books
  // never saw them: it handled those requests after their callers had given up
  void aServerFrozenForThePeak_timesItsRequestsOut_andDrainsAfterwards(
      OverloadHarness harness, SampleTargetImage image, DockerChaos chaos) {
    SampleTargetContainer target = harness.closeAfterTest(image.start("--service-time=5ms"));
    HttpEventSender sender = HttpEventSender.to(target.baseUrl(), "singleton", TIMEOUT);
    ServerBooks books =
        harness.closeAfterTest(ServerBooks.of(target, "singleton", Duration.ofMillis(50)));
    harness
        .useLedger(books.ledger())
        .watch(harness.closeAfterTest(target.depthProbe("singleton", Duration.ofMillis(200))))
        .sendAsyncTo(sender)
        .during("spike peak", () -> chaos.of(target.containerId()).pause());

    OverloadResult result = harness.run();

    // the peak plans 100 sends into a frozen server: most time out at the client (those sent in
    // its last 300 ms may be answered after unpausing), and every failed send is a timeout
    assertThat(sender.timeouts()).isGreaterThanOrEqualTo(50);
    assertThat(result.load().failed()).isEqualTo(sender.timeouts());
    assertThat(sender.connectionFailures()).isZero();
    assertThat(result.trace().events(TraceEvent.Kind.INJECTION))
        .filteredOn(e -> e.source().equals("chaos"))
        .extracting(TraceEvent::detail)
        .satisfiesExactly(
            on -> assertThat(on).startsWith("on in 'spike peak").contains("paused container"),
            off -> assertThat(off).startsWith("off in 'spike").contains("paused container"));
    // after unpausing, the server took what waited in its sockets (requests whose clients gave up
    // included). The settled books are a mirror that lags the server by a read or two, and the
    // singleton holds a message while it handles it: they may miss the last message or two (seen:
    // 199 processed of 200 sent) and never count one twice. The server took at least what the
    // client saw accepted, at most what the client sent
    LedgerSnapshot server = result.books();
    assertThat(server.unaccounted()).as(server.describe()).isNotNegative();
    assertThat(result.assessment().explanation())
        .startsWith(result.load().failed() + " of " + result.load().sent() + " sends failed as");
    assertThat(server.sent()).isBetween(result.load().accepted(), result.load().sent());
    // a request whose client gave up can still wait in the server's socket when the books settle;
    // the server takes it later (seen: 200 taken against 199 in the settled books). Only such
    // requests come late, and the server handles every event it took: its own counters come to
    // rest with all of them processed
    long takenLate = target.messages("singleton", "sent") - server.sent();
    assertThat(takenLate).isBetween(0L, result.load().failed());
    soon()
        .untilAsserted(
            () -> {
              long processed = target.messages("singleton", "processed"); // read first: ≤ sent
              assertThat(processed).isEqualTo(target.messages("singleton", "sent"));
            });
  }
}
