package dev.spillway.gatling.scenarios;

import dev.spillway.gatling.Metric;
import dev.spillway.samples.server.SampleTargetServer;
import dev.spillway.samples.server.ServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The target of a simulation: the sample targets' server, started for the simulation in a JVM of
 * its own (the default: the server does not share Gatling's JVM, heap and JIT), in Gatling's JVM
 * with {@value #IN_PROCESS_PROPERTY}{@code =true}, or a server already running at the URL {@value
 * #URL_PROPERTY} (loopback only: these simulations flood on purpose).
 *
 * <p>A server that cannot be started is one line on standard error and exit status 1, as a target
 * that does not answer is (see {@code Spillway.start()}).
 */
final class SampleServer implements AutoCloseable {

  /** The system property naming a running server's base URL. */
  static final String URL_PROPERTY = "spillway.target.url";

  /** The system property that runs the server inside Gatling's JVM. */
  static final String IN_PROCESS_PROPERTY = "spillway.target.in-process";

  /** The settings every simulation's server shares; the gates assume them. */
  static final List<String> FLAGS =
      List.of(
          "--bind", "127.0.0.1",
          "--service-time", "5ms",
          "--partitions", "4",
          "--bound", "100",
          "--sentinel-enable", "100",
          "--sentinel-disable", "50",
          "--mitigation", "shed",
          "--handler-threads", "16");

  /** How long a forked server may take to say where it listens. */
  static final long START_TIMEOUT_SECONDS = 20;

  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  private final URI baseUrl;
  private final Process process; // null unless forked
  private final SampleTargetServer inProcess; // null unless in process

  private SampleServer(URI baseUrl, Process process, SampleTargetServer inProcess) {
    this.baseUrl = baseUrl;
    this.process = process;
    this.inProcess = inProcess;
  }

  /**
   * The server with {@link #FLAGS}, each flag given in {@code overrides} (flag, value, flag,
   * value…) replaced by its value there, on a free port.
   */
  static SampleServer start(String... overrides) {
    List<String> flags = flags(overrides);
    String url = System.getProperty(URL_PROPERTY);
    try {
      if (url != null && !url.isBlank()) {
        return new SampleServer(loopback(url), null, null);
      }
      if (Boolean.getBoolean(IN_PROCESS_PROPERTY)) {
        SampleTargetServer server =
            SampleTargetServer.start(ServerOptions.parse(flags.toArray(String[]::new)));
        return new SampleServer(server.baseUrl(), null, server);
      }
      return fork(flags);
    } catch (RuntimeException e) {
      System.err.println("spillway: could not start the sample targets' server: " + e.getMessage());
      System.err.flush();
      System.exit(1);
      throw e; // not reached
    }
  }

  /** {@code --port 0}, {@link #FLAGS} with {@code overrides} applied, then the other overrides. */
  static List<String> flags(String... overrides) {
    Map<String, String> byFlag = new LinkedHashMap<>();
    byFlag.put("--port", "0");
    for (int i = 0; i + 1 < FLAGS.size(); i += 2) {
      byFlag.put(FLAGS.get(i), FLAGS.get(i + 1));
    }
    if (overrides.length % 2 != 0) {
      throw new IllegalArgumentException(
          "server flag overrides must be flag/value pairs, but were " + List.of(overrides));
    }
    for (int i = 0; i < overrides.length; i += 2) {
      byFlag.put(overrides[i], overrides[i + 1]);
    }
    List<String> out = new ArrayList<>();
    byFlag.forEach(
        (flag, value) -> {
          out.add(flag);
          out.add(value);
        });
    return out;
  }

  /** {@code url} when its host is a loopback address; rejected otherwise, naming the rule. */
  static URI loopback(String url) {
    URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    boolean isLoopback;
    try {
      isLoopback =
          uri.getHost() != null
              && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
              && InetAddress.getByName(uri.getHost()).isLoopbackAddress();
    } catch (IOException e) {
      isLoopback = false;
    }
    if (!isLoopback) {
      throw new IllegalArgumentException(
          URL_PROPERTY
              + " must be an http URL on a loopback address (127.0.0.0/8, localhost, [::1]), but was '"
              + url
              + "'");
    }
    return uri;
  }

  private static SampleServer fork(List<String> flags) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Dsun.net.httpserver.nodelay=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SampleTargetServer.class.getName());
    command.addAll(flags);
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    CompletableFuture<URI> listening = new CompletableFuture<>();
    List<String> output = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine())
                    != null) { // drained to the end: the server never blocks on its output
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    listening.complete(URI.create(m.group(1)));
                  } else if (!listening.isDone()) {
                    synchronized (output) {
                      output.add(line);
                    }
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              listening.completeExceptionally(
                  new IllegalStateException(
                      "it exited before listening"
                          + (output.isEmpty() ? "" : ": " + output.get(0))));
            },
            "sample-server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new SampleServer(listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS), p, null);
    } catch (TimeoutException e) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "it did not say where it listens within " + START_TIMEOUT_SECONDS + " s", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IllegalStateException("interrupted while it started", e);
    }
  }

  /** The server's base URL, without a trailing '/'. */
  String baseUrl() {
    return baseUrl.toString();
  }

  /** The Prometheus metrics endpoint. */
  String metrics() {
    return baseUrl + "/metrics";
  }

  /** Where the server runs: {@code "forked JVM"}, {@code "in process"} or {@code "external"}. */
  String where() {
    return process != null ? "forked JVM" : inProcess != null ? "in process" : "external";
  }

  /** The exact high-water mark of {@code queue} of {@code design}, as the server exports it. */
  static Metric highWaterMark(String design, String queue) {
    return Metric.prometheus(
        "spillway_queue_high_water_mark", Map.of("design", design, "queue", queue));
  }

  /** The depth of {@code queue} of {@code design}, as the server exports it. */
  static Metric depth(String design, String queue) {
    return Metric.prometheus("spillway_queue_depth", Map.of("design", design, "queue", queue));
  }

  /** Stops a server this run started; leaves an external one alone. */
  @Override
  public void close() {
    if (inProcess != null) {
      inProcess.close();
    }
    if (process != null) {
      process.destroy(); // SIGTERM: the server's shutdown hook closes it
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
