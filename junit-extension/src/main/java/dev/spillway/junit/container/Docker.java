package dev.spillway.junit.container;

import com.github.dockerjava.api.DockerClient;
import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine, found the way Testcontainers finds it, and asked with a deadline: the client
 * Testcontainers builds has no socket or response timeout, so a Docker engine that stops answering
 * would hold the caller for ever.
 */
final class Docker {

  /** How long one request to the Docker engine may take (beyond a restart's own grace). */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private Docker() {}

  /** Testcontainers' client of the Docker engine (created on first use, then shared). */
  static DockerClient client() {
    return DockerClientFactory.instance().client();
  }

  /**
   * Makes {@code request} to the Docker engine on a daemon thread ({@code spillway-docker}) and
   * waits for its answer at most {@code timeout}. An exception it throws is thrown as is.
   *
   * @param what what the request does, for the message, e.g. "pause container 0123456789ab"
   * @throws IllegalStateException when Docker has not answered within {@code timeout} (the request
   *     thread is interrupted and left behind) or the calling thread was interrupted (its flag
   *     stays set)
   */
  static <T> T call(String what, Duration timeout, Function<DockerClient, T> request) {
    return within(what, timeout, () -> request.apply(client()));
  }

  /** {@link #call} for any request: the waiting part, testable without Docker. */
  static <T> T within(String what, Duration timeout, Request<T> request) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                answer.complete(request.make());
              } catch (Throwable t) { // handed to the caller, whatever it is
                answer.completeExceptionally(t);
              }
            },
            "spillway-docker");
    thread.setDaemon(true);
    thread.start();
    try {
      return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      thread.interrupt();
      throw new IllegalStateException(
          "Docker did not answer within "
              + Durations.format(timeout)
              + " when asked to "
              + what
              + "; the request was left to its daemon thread "
              + thread.getName(),
          e);
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking Docker to " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("Docker failed to " + what + ": " + cause, cause);
    }
  }

  /** A request to the Docker engine. */
  @FunctionalInterface
  interface Request<T> {
    T make() throws Exception;
  }
}
