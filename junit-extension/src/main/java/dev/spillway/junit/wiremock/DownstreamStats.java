package dev.spillway.junit.wiremock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * What a {@link WireMockChaos} downstream served, and whether its own thread pool limited how fast
 * it could serve. A delayed WireMock response holds a Jetty thread for the whole delay, so a pool
 * smaller than the callers' concurrency caps the service rate: then a slow target measured against
 * this downstream is WireMock's bottleneck, not the target's, and {@link #limitsServiceRate()} says
 * so.
 *
 * @param requestThreads how many requests WireMock can serve at once: its Jetty pool minus the
 *     threads Jetty keeps for accepting and selecting
 * @param received requests that reached WireMock so far, whatever the answer (delayed, faulty or
 *     not)
 * @param failedOnPurpose requests answered with a fault or an error status by the chaos
 * @param peakBusy the most request threads busy at once, read as each request starts (at most
 *     {@code requestThreads}; a thread still finishing the previous request's connection counts as
 *     busy, so N callers may show as N + 1 or 2)
 * @param contended requests that started while other requests waited in WireMock's queue for a free
 *     thread
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DownstreamStats(
    int requestThreads, long received, long failedOnPurpose, int peakBusy, long contended) {

  /**
   * The share of contended requests above which the downstream counts as the bottleneck: 5 % (a few
   * requests can queue for a moment when a burst meets a pool that is big enough).
   */
  public static final double LIMITING_SHARE = 0.05;

  /** Validates the figures. */
  public DownstreamStats {
    Preconditions.positive(requestThreads, "request threads");
    Preconditions.notNegative(received, "received");
    Preconditions.inRange(failedOnPurpose, 0, received, "failed on purpose");
    Preconditions.inRange(peakBusy, 0, requestThreads, "peak busy");
    Preconditions.inRange(contended, 0, received, "contended");
  }

  /** The share of received requests that started while others waited for a thread; 0 if none. */
  public double contendedShare() {
    return received == 0 ? 0 : (double) contended / received;
  }

  /**
   * Whether WireMock's own thread pool limited the service rate: more than {@link #LIMITING_SHARE}
   * of the requests started while others waited in WireMock for a thread.
   */
  public boolean limitsServiceRate() {
    return contended > 0 && contendedShare() > LIMITING_SHARE;
  }

  /**
   * One line that says whether the downstream's own pool was the bottleneck, e.g. {@code
   * "downstream received 750 requests (0 failed on purpose), at most 4 at once with 16 request
   * threads, none waited for a thread: its pool did not limit the service rate"}.
   */
  public String describe() {
    String head =
        "downstream received "
            + received
            + " requests ("
            + failedOnPurpose
            + " failed on purpose), at most "
            + peakBusy
            + " at once with "
            + requestThreads
            + " request threads, ";
    if (limitsServiceRate()) {
      return head
          + String.format(
              java.util.Locale.ROOT,
              "%d (%.0f %%) started while others waited for a thread: WIREMOCK'S OWN POOL LIMITED"
                  + " THE SERVICE RATE (the figures measure the downstream, not the target;"
                  + " give it more request threads)",
              contended,
              100 * contendedShare());
    }
    return head
        + (contended == 0 ? "none" : contended + " (a passing burst)")
        + " waited for a thread: its pool did not limit the service rate";
  }
}
