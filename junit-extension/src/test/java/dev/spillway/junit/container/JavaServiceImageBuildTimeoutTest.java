package dev.spillway.junit.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.LazyFuture;

/**
 * The wait for Docker's image build has a deadline: checked without Docker, on a Testcontainers
 * {@link LazyFuture} (what {@code ImageFromDockerfile} is) whose build never finishes while the
 * test runs. It stays blocked for {@link #BLOCKED_FOR} unless released; every test releases it when
 * it ends.
 */
class JavaServiceImageBuildTimeoutTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final Duration BLOCKED_FOR = Duration.ofSeconds(60);

  /** 15 × the timeout for a loaded machine, a twelfth of how long the build blocks. */
  private static final Duration WELL_BEFORE_RELEASE = Duration.ofSeconds(5);

  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void release() {
    release.countDown();
  }

  @Test
  void aBuildThatDoesNotFinish_failsAtTheTimeout_namingTheImage() {
    LazyFuture<String> neverBuilt =
        new LazyFuture<>() {
          @Override
          protected String resolve() {
            long end = System.nanoTime() + BLOCKED_FOR.toNanos();
            while (release.getCount() > 0 && System.nanoTime() - end < 0) {
              try {
                release.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
              } catch (InterruptedException e) {
                // ignored: Docker's build goes on whatever the waiting thread does
              }
            }
            return "spillway-java-service:never";
          }
        };
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                JavaServiceImage.Builder.awaitBuild(
                    neverBuilt, TIMEOUT, "spillway-java-service:never"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Docker did not finish building it within 300 ms (the build timeout); it may still"
                + " finish and stay: remove spillway-java-service:never then");

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(WELL_BEFORE_RELEASE);
  }

  @Test
  void theBuildTimeout_isCheckedAtOnce() {
    JavaServiceImage.Builder builder =
        JavaServiceImage.of("com.example.Main", List.of(Path.of(".")));
    assertThatThrownBy(() -> builder.buildTimeout(Duration.ofMillis(999)))
        .hasMessage("build timeout must be in [PT1S, PT1H], but was PT0.999S");
    assertThatThrownBy(() -> builder.buildTimeout(Duration.ofMinutes(61)))
        .hasMessage("build timeout must be in [PT1S, PT1H], but was PT1H1M");
    assertThatThrownBy(() -> builder.buildTimeout(null))
        .hasMessage("build timeout must not be null");
    assertThatThrownBy(() -> builder.buildTimeout(0, TimeUnit.SECONDS))
        .hasMessage("build timeout must be > 0, but was 0");
    assertThatThrownBy(() -> builder.buildTimeout(1, null))
        .hasMessage("build timeout unit must not be null");
    assertThat(builder.buildTimeout(10, TimeUnit.MINUTES)).isSameAs(builder);
  }
}
