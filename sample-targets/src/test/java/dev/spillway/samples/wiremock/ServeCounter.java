package dev.spillway.samples.wiremock;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Counts what WireMock serves, as each request starts (WireMock skips its completion callback when
 * a fault breaks the connection, so nothing here depends on it): requests received, requests given
 * a fault or an error status, the request threads busy, and requests that started while others
 * waited for a thread. Thread-safe: called by every Jetty thread.
 */
final class ServeCounter implements ServeEventListener {

  private volatile QueuedThreadPool pool;
  private final LongAdder received = new LongAdder();
  private final LongAdder failedOnPurpose = new LongAdder();
  private final LongAdder contended = new LongAdder();
  private final AtomicInteger peakBusy = new AtomicInteger();

  /** Watches {@code jettyPool}: called once, while the server is being built. */
  void watch(QueuedThreadPool jettyPool) {
    this.pool = jettyPool;
  }

  @Override
  public String getName() {
    return "spillway-serve-counter";
  }

  @Override
  public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
    QueuedThreadPool p = pool;
    // the acceptor and selector are leased: what else is busy serves requests, this one included
    int busy = p.getBusyThreads() - p.getLeasedThreads();
    peakBusy.accumulateAndGet(busy, Math::max);
    if (p.getQueueSize() > 0) {
      contended.increment();
    }
    received.increment();
  }

  @Override
  public void afterMatch(ServeEvent serveEvent, Parameters parameters) {
    ResponseDefinition response = serveEvent.getResponseDefinition();
    if (response != null && (response.getFault() != null || response.getStatus() >= 400)) {
      failedOnPurpose.increment();
    }
  }

  DownstreamStats stats(int requestThreads) {
    // parts before the whole: each part is counted after its request was received
    long f = failedOnPurpose.sum();
    long c = contended.sum();
    long r = received.sum();
    return new DownstreamStats(
        requestThreads,
        r,
        Math.min(f, r),
        Math.min(peakBusy.get(), requestThreads),
        Math.min(c, r));
  }
}
