package dev.spillway.junit.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.GenericContainer;

/** Every container type rejects bad arguments before it talks to Docker (so: without Docker). */
class ContainerChaosArgumentsTest {

  private static final ContainerChaos CHAOS = ContainerChaos.of("0123456789abcdef0123");
  private static final Path HERE = Path.of(".");

  @ParameterizedTest
  @ValueSource(doubles = {0, 0.009, -1, 1024.5, Double.NaN, Double.POSITIVE_INFINITY})
  void aCpuLimitOutsideItsRange_isRejected(double cpus) {
    assertThatThrownBy(() -> CHAOS.limitCpu(cpus))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CPUs must be in [0.01, 1024.0], but was " + cpus);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 601})
  void aRestartGraceOutside0To600Seconds_isRejected(int seconds) {
    assertThatThrownBy(() -> CHAOS.restart(seconds))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("grace seconds must be in [0, 600], but was " + seconds);
  }

  @Test
  void aMissingContainerOrSink_isRejected() {
    assertThatThrownBy(() -> ContainerChaos.of(" "))
        .hasMessage("container id must not be blank, but was ' '");
    assertThatThrownBy(() -> ContainerChaos.of((String) null))
        .hasMessage("container id must not be null");
    assertThatThrownBy(() -> ContainerChaos.of("abc", null))
        .hasMessage("event sink must not be null");
    assertThatThrownBy(() -> ContainerChaos.of((GenericContainer<?>) null))
        .hasMessage("container must not be null");
    assertThat(CHAOS.containerId()).isEqualTo("0123456789abcdef0123");
  }

  @Test
  void aContainerNotYetStarted_isRejected_byBothFactories() {
    // creating a GenericContainer talks to no Docker engine; only start() does
    try (GenericContainer<?> notStarted = new GenericContainer<>("spillway-absent:1")) {
      String expected =
          "container must be started (chaos acts on a running container), but was not started";
      assertThatThrownBy(() -> ContainerChaos.of(notStarted)).hasMessage(expected);
      assertThatThrownBy(() -> new DockerChaos(new Leftovers()).of(notStarted))
          .hasMessage(expected);
    }
  }

  @Test
  void theImage_rejectsAnEmptyOrMissingClasspath_beforeBuildingAnything() {
    assertThatThrownBy(() -> JavaServiceImage.of("com.example.Main", List.of()))
        .hasMessage("classpath must not be empty");
    assertThatThrownBy(() -> JavaServiceImage.of("com.example.Main", List.of(Path.of("/no/dir"))))
        .hasMessage("classpath entry must be an existing path, but was /no/dir");
    assertThatThrownBy(() -> JavaServiceImage.of(" ", List.of(HERE)))
        .hasMessage("main class must not be blank, but was ' '");
    assertThatThrownBy(() -> JavaServiceImage.of("com/example/Main", List.of(HERE)))
        .hasMessage(
            "main class must be a binary class name such as com.example.Main, but was"
                + " com/example/Main");
  }

  @Test
  void theImage_rejectsAClassWithoutMain() {
    assertThatThrownBy(() -> JavaServiceImage.of((Class<?>) null))
        .hasMessage("main class must not be null");
    assertThatThrownBy(() -> JavaServiceImage.of(ContainerChaosArgumentsTest.class))
        .hasMessage(
            "main class dev.spillway.junit.container.ContainerChaosArgumentsTest must be a class"
                + " with a public static void main(String[]), but was a class without one");
    assertThat(JavaServiceImage.of(CounterService.class).toString())
        .contains("mainClass=dev.spillway.junit.container.CounterService")
        .contains("test-classes");
  }

  @Test
  void theImage_rejectsBadModulesPortsArgumentsAndNames() {
    JavaServiceImage.Builder builder = JavaServiceImage.of("com.example.Main", List.of(HERE));
    assertThatThrownBy(() -> builder.modules("java.sql", "java sql"))
        .hasMessage("module must be a module name such as java.sql, but was java sql");
    assertThatThrownBy(() -> builder.modules("jdk.nosuchthing"))
        .hasMessageStartingWith("module jdk.nosuchthing must be a module of this JDK (")
        .hasMessageEndingWith("), but was not found");
    assertThatThrownBy(() -> builder.modules((String) null))
        .hasMessage("modules[0] must not be null");
    assertThatThrownBy(() -> builder.expose(8080, 0))
        .hasMessage("port must be in [1, 65535], but was 0");
    assertThatThrownBy(() -> builder.expose(65_536))
        .hasMessage("port must be in [1, 65535], but was 65536");
    assertThatThrownBy(() -> builder.args("--port", null)).hasMessage("args[1] must not be null");
    assertThatThrownBy(() -> builder.repository("My-Service"))
        .hasMessage(
            "repository must be a Docker repository name (lower-case letters, digits, '.', '_',"
                + " '-', '/'), but was My-Service");
    assertThat(builder.toString())
        .as("nothing rejected was kept")
        .contains("modules=[java.base]")
        .contains("ports=[]")
        .contains("args=[]")
        .contains("repository=spillway-java-service");
  }

  @Test
  void theImage_onAMachineThatCannotBuildIt_failsWithTheReason_beforeRunningJlink() {
    JavaServiceImage.Builder builder = JavaServiceImage.of(CounterService.class).expose(8080);
    assertThatThrownBy(() -> builder.build(new HostPlatform("Mac OS X", "aarch64", true, false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "cannot build an image of dev.spillway.junit.container.CounterService here: a"
                + " JavaServiceImage is built from this machine's JDK and C library, which needs"
                + " Linux on x86-64, but this is Mac OS X on aarch64");
    assertThatThrownBy(() -> builder.build(new HostPlatform("Linux", "amd64", false, true)))
        .hasMessageEndingWith("this Java runtime has none (run the tests on a JDK, not a JRE)");
  }
}
