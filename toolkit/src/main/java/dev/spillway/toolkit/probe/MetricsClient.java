package dev.spillway.toolkit.probe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * An {@link HttpClient} set up as {@link HttpMetricsProbe} reads metrics (HTTP/1.1, normal
 * redirects, a connect timeout), whose worker threads are daemon threads named {@code
 * <threadPrefix>-<n>} that end when idle for 30 s and at {@link #close()}. A probe without a shared
 * client owns one; a poller that reads many metrics creates one and gives its {@link #client()} to
 * each probe's {@link HttpMetricsProbe.Builder#client builder}. (The client's own selector thread,
 * named by the JDK, ends when the client is garbage-collected: JDK 17's {@code HttpClient} has no
 * {@code close}.)
 *
 * <p>Thread-safety: the client is thread-safe; {@link #close()} is idempotent.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MetricsClient implements AutoCloseable {

  private final ExecutorService workers;
  private final HttpClient client;

  private MetricsClient(ExecutorService workers, HttpClient client) {
    this.workers = workers;
    this.client = client;
  }

  /**
   * A client whose worker threads are named {@code threadPrefix-<n>}.
   *
   * @param threadPrefix not blank
   * @param connectTimeout positive
   */
  public static MetricsClient create(String threadPrefix, Duration connectTimeout) {
    Preconditions.notBlank(threadPrefix, "thread prefix");
    Preconditions.positive(connectTimeout, "connect timeout");
    AtomicInteger count = new AtomicInteger();
    // like Executors.newCachedThreadPool (the client's default), with daemon threads
    ExecutorService workers =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, threadPrefix + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(connectTimeout)
            .executor(workers)
            .build();
    return new MetricsClient(workers, client);
  }

  /** The client. */
  public HttpClient client() {
    return client;
  }

  /** Stops the worker threads; later requests through the client are refused. Idempotent. */
  @Override
  public void close() {
    workers.shutdownNow();
  }
}
