package dev.spillway.junit.wiremock;

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
 * waited for a thread. Counts since the start, and since the last {@link #mark()} (one window at a
 * time). Thread-safe: called by every Jetty thread.
 */
final class ServeCounter implements ServeEventListener {

  /** The counts at a {@link #mark()}. */
  record Mark(long received, long failedOnPurpose, long contended) {}

  private volatile QueuedThreadPool pool;
  private final LongAdder received = new LongAdder();
  private final LongAdder failedOnPurpose = new LongAdder();
  private final LongAdder contended = new LongAdder();
  private final AtomicInteger peakBusy = new AtomicInteger();
  private final AtomicInteger windowPeakBusy = new AtomicInteger();

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
    windowPeakBusy.accumulateAndGet(busy, Math::max);
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

  /** Starts a window: {@link #since} counts from now, its peak too. */
  Mark mark() {
    windowPeakBusy.set(0);
    return new Mark(received.sum(), failedOnPurpose.sum(), contended.sum());
  }

  /** What was served since {@code mark}, the last mark taken. */
  DownstreamStats since(Mark mark, int requestThreads) {
    long f = failedOnPurpose.sum() - mark.failedOnPurpose();
    long c = contended.sum() - mark.contended();
    long r = received.sum() - mark.received();
    return new DownstreamStats(
        requestThreads,
        r,
        Math.max(0, Math.min(f, r)),
        Math.min(windowPeakBusy.get(), requestThreads),
        Math.max(0, Math.min(c, r)));
  }
}
