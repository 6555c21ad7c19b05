package dev.spillway.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code java -jar … [flags]}: its exit codes and where it writes. */
class CommandLineTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SampleTargetServer.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void help_printsTheUsageOnOut_andExitsWith0() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains(ServerOptions.usage());
    assertThat(err()).isEmpty();
  }

  @Test
  void help_winsOverOtherFlags_evenBadOnes() {
    assertThat(run("--port", "nope", "-h")).isZero();
    assertThat(out()).startsWith("Usage: java -jar");
  }

  @Test
  void aBadFlag_printsTheErrorAndTheUsageOnErr_andExitsWith2() {
    assertThat(run("--bound", "0")).isEqualTo(2);
    assertThat(err())
        .startsWith("error: --bound must be from 1 to 2147483647, but was 0")
        .contains(ServerOptions.usage());
    assertThat(out()).isEmpty();
  }

  @Test
  void everyUsageError_exitsWith2_withOneErrorLine_andNoStackTrace() {
    String[][] bad = {
      {"--port", "1", "--x"},
      {"--bound", "99999999999"},
      {"--bound", "5", "--bound", "6"},
      {"--service-time", "0ms"},
      {"--idle-timeout", "-1s"},
      {"--port"},
      {"stray"},
    };
    for (String[] args : bad) {
      out.reset();
      err.reset();
      assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err()).startsWith("error: ").doesNotContain("Exception", "\tat ");
      assertThat(err().lines().filter(l -> l.startsWith("error: "))).hasSize(1);
      assertThat(out()).isEmpty();
    }
  }

  @Test
  void aTakenPort_printsAClearError_andExitsWith1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThat(run("--port", Integer.toString(port), "--bind", "127.0.0.1")).isEqualTo(1);

      assertThat(err())
          .startsWith("error: could not listen on 127.0.0.1:" + port + ": ")
          .containsIgnoringCase("address already in use");
      assertThat(out()).isEmpty();
    }
  }
}
