package dev.spillway.junit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ChildTarget} running in a JVM of its own, started with this JVM's class path; {@link
 * #kill()} ends it at once ({@code destroyForcibly}), as a crash would; {@link #close()} kills it
 * if it still runs. Thread-safe.
 */
final class ChildProcess implements AutoCloseable {

  /** How long the child may take to start listening. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final int port;

  private ChildProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a child target whose consumer takes {@code serviceMillis} per event. */
  static ChildProcess start(long serviceMillis) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        List.of(
            java.toString(),
            "-Xmx64m",
            "-XX:TieredStopAtLevel=1",
            "-Dsun.net.httpserver.nodelay=true",
            "-cp",
            System.getProperty("java.class.path"),
            ChildTarget.class.getName(),
            Long.toString(serviceMillis));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + command, e);
    }
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> first = new CompletableFuture<>();
    Thread reader = new Thread(() -> first.complete(readLine(out)), "child-target-stdout");
    reader.setDaemon(true); // ends with the child's output
    reader.start();
    try {
      String line = first.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null || !line.startsWith("port=")) {
        throw new IllegalStateException("the child target said '" + line + "' instead of port=");
      }
      return new ChildProcess(process, Integer.parseInt(line.substring(5).strip()));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the child target started", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "the child target did not start within " + START_TIMEOUT + ": " + e, e);
    }
  }

  private static String readLine(BufferedReader out) {
    try {
      return out.readLine();
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Kills the process at once and waits (at most 10 s) until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Whether the process still runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
