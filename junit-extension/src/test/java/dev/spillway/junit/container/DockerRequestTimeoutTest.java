package dev.spillway.junit.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.ConflictException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every request to the Docker engine has a deadline (Testcontainers' client has none): checked
 * without Docker, on requests that never answer while the test runs. A blocked request stays
 * blocked for {@link #BLOCKED_FOR} unless released; every test releases it when it ends.
 */
class DockerRequestTimeoutTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final Duration BLOCKED_FOR = Duration.ofSeconds(60);

  /** 15 × the timeout for a loaded machine, a twelfth of how long the request blocks. */
  private static final Duration WELL_BEFORE_RELEASE = Duration.ofSeconds(5);

  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void release() {
    release.countDown();
  }

  /** A request to an engine that does not answer (and does not heed interrupts). */
  private Void unanswered() {
    long end = System.nanoTime() + BLOCKED_FOR.toNanos();
    while (release.getCount() > 0 && System.nanoTime() - end < 0) {
      try {
        release.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        // ignored: a socket read does not answer interrupts
      }
    }
    return null;
  }

  @Test
  void aRequestDockerDoesNotAnswer_failsAtTheTimeout_namingIt() {
    long start = System.nanoTime();

    assertThatThrownBy(
            () -> Docker.within("pause container 0123456789ab", TIMEOUT, this::unanswered))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Docker did not answer within 300 ms when asked to pause container 0123456789ab; the"
                + " request was left to its daemon thread spillway-docker");

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(WELL_BEFORE_RELEASE);
  }

  @Test
  void dockersOwnRefusals_andAnswers_comeThroughAsTheyAre() {
    ConflictException notPaused = new ConflictException("container is not paused");

    assertThatThrownBy(
            () ->
                Docker.within(
                    "unpause container 0123456789ab",
                    TIMEOUT,
                    () -> {
                      throw notPaused;
                    }))
        .isSameAs(notPaused);
    assertThat(Docker.within("inspect image x", TIMEOUT, () -> 42L)).isEqualTo(42L);
  }

  @Test
  void anInterruptOfTheCaller_endsTheWait_andStaysSet() {
    Thread.currentThread().interrupt();
    long start = System.nanoTime();

    assertThatThrownBy(
            () -> Docker.within("kill container 0123456789ab", BLOCKED_FOR, this::unanswered))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("interrupted while asking Docker to kill container 0123456789ab");

    assertThat(Thread.interrupted()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WELL_BEFORE_RELEASE);
  }
}
