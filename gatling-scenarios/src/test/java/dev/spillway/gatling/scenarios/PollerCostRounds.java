package dev.spillway.gatling.scenarios;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rounds of {@link PollerCostSimulation}: each one's answers per second, the CPU its JVM and
 * the forked server used, and how many reads of {@code /metrics} the server answered meanwhile (the
 * poller's reads: the server's count of 200s less the benchmark's own answers); then the table.
 *
 * <p>Thread-safety: {@link #begin}, {@link #end} and {@link #finish} from one thread at a time (the
 * benchmark's control steps run one after the other).
 */
final class PollerCostRounds {

  /** The design the poller watches (idle: nothing is sent to it). */
  static final String DESIGN = "singleton";

  private static final Pattern OK_RESPONSES =
      Pattern.compile("(?m)^spillway_http_responses_total\\{status=\"200\"} (\\d+)");

  /** One round, measured. */
  record Round(
      String group,
      String variant,
      int users,
      long answered,
      Duration length,
      double gatlingCores,
      double serverCores,
      double pollerCores,
      long metricsReads) {

    double perSecond() {
      return answered / seconds();
    }

    double metricsReadsPerSecond() {
      return metricsReads / seconds();
    }

    private double seconds() {
      return length.toNanos() / 1e9;
    }
  }

  private final URI metrics;
  private final HttpClient client = HttpClient.newHttpClient();
  private final List<Round> rounds = new ArrayList<>();
  private final Optional<ProcessHandle> server =
      ProcessHandle.current().children().filter(p -> p.info().command().isPresent()).findFirst();

  private String group;
  private String variant;
  private int users;
  private LongAdder answered;
  private long startNanos;
  private long startCpu;
  private long startServerCpu;
  private long startOk;
  private Map<Long, Long> startThreadCpu;

  PollerCostRounds(String metricsUrl) {
    this.metrics = URI.create(metricsUrl);
  }

  void begin(String group, String variant, int users, LongAdder answered) {
    this.group = group;
    this.variant = variant;
    this.users = users;
    this.answered = answered;
    this.startOk = okResponses();
    this.startServerCpu = serverCpuNanos();
    this.startThreadCpu = pollerThreadCpu();
    this.startCpu = cpuNanos();
    this.startNanos = System.nanoTime();
  }

  void end() {
    long nanos = System.nanoTime() - startNanos;
    long cpu = cpuNanos() - startCpu;
    long pollerCpu = 0;
    for (Map.Entry<Long, Long> t : pollerThreadCpu().entrySet()) {
      pollerCpu += t.getValue() - startThreadCpu.getOrDefault(t.getKey(), 0L);
    }
    long serverCpu = serverCpuNanos() - startServerCpu;
    long count = answered.sum();
    long ok = okResponses() - startOk;
    Round round =
        new Round(
            group,
            variant,
            users,
            count,
            Duration.ofNanos(nanos),
            (double) cpu / nanos,
            server.isPresent() ? (double) serverCpu / nanos : Double.NaN,
            (double) pollerCpu / nanos,
            Math.max(0, ok - count - 1)); // less the begin step's own read
    rounds.add(round);
    System.out.printf(
        Locale.ROOT,
        "poller-cost: %-11s %-13s users %3d  %8.0f req/s  gatling %.2f cores  server %.2f cores"
            + "  poller %.3f cores  metrics reads %5.1f/s%n",
        round.group(),
        round.variant(),
        round.users(),
        round.perSecond(),
        round.gatlingCores(),
        round.serverCores(),
        round.pollerCores(),
        round.metricsReadsPerSecond());
  }

  void finish() {
    print(System.out);
  }

  void print(PrintStream out) {
    out.println();
    out.println("Poller cost on Gatling's throughput (GET /health, closed model)");
    out.println("calibration (no Spillway):");
    for (Round r : rounds) {
      if (r.group().equals("calibration")) {
        out.printf(
            Locale.ROOT,
            "  %4d users  %8.0f req/s  gatling %.2f cores  server %.2f cores%n",
            r.users(),
            r.perSecond(),
            r.gatlingCores(),
            r.serverCores());
      }
    }
    Map<Integer, Map<String, Round>> byCycle = new LinkedHashMap<>();
    for (Round r : rounds) {
      if (r.group().startsWith("cycle ")) {
        int cycle = Integer.parseInt(r.group().substring("cycle ".length()));
        byCycle.computeIfAbsent(cycle, c -> new LinkedHashMap<>()).put(r.variant(), r);
      }
    }
    out.printf(Locale.ROOT, "paired rounds (%d cycles):%n", byCycle.size());
    out.println(
        "  variant       req/s median [q1, q3]      metrics reads/s   gatling cores"
            + "   poller cores  cost vs off: median [q1, q3] (min, max)");
    for (String v : PollerCostSimulation.VARIANTS) {
      List<Round> of = byCycle.values().stream().map(m -> m.get(v)).filter(r -> r != null).toList();
      if (of.isEmpty()) {
        continue;
      }
      double[] rps = of.stream().mapToDouble(Round::perSecond).sorted().toArray();
      double reads =
          median(of.stream().mapToDouble(Round::metricsReadsPerSecond).sorted().toArray());
      double cores = median(of.stream().mapToDouble(Round::gatlingCores).sorted().toArray());
      double poller = median(of.stream().mapToDouble(Round::pollerCores).sorted().toArray());
      String cost = "-";
      if (!v.equals("off") && byCycle.values().stream().anyMatch(m -> m.containsKey("off"))) {
        double[] costs =
            byCycle.values().stream()
                .filter(m -> m.containsKey(v) && m.containsKey("off"))
                .mapToDouble(m -> 1 - m.get(v).perSecond() / m.get("off").perSecond())
                .sorted()
                .toArray();
        cost =
            String.format(
                Locale.ROOT,
                "%+.1f %% [%+.1f, %+.1f] (%+.1f, %+.1f)",
                100 * median(costs),
                100 * quantile(costs, 0.25),
                100 * quantile(costs, 0.75),
                100 * costs[0],
                100 * costs[costs.length - 1]);
      }
      out.printf(
          Locale.ROOT,
          "  %-12s %6.0f [%6.0f, %6.0f]     %8.1f          %.2f          %.3f         %s%n",
          v,
          median(rps),
          quantile(rps, 0.25),
          quantile(rps, 0.75),
          reads,
          cores,
          poller,
          cost);
    }
    out.println(
        "  (cost = 1 - variant/off of the same cycle; > 0: fewer requests/s with the poller)");
    out.println(
        "  rounds: "
            + rounds.stream()
                .filter(r -> r.group().startsWith("cycle "))
                .map(r -> String.format(Locale.ROOT, "%s=%.0f", r.variant(), r.perSecond()))
                .collect(Collectors.joining(" ")));
  }

  /** The quantile {@code q} of sorted {@code values}, interpolated between neighbours. */
  static double quantile(double[] values, double q) {
    double at = q * (values.length - 1);
    int below = (int) Math.floor(at);
    int above = Math.min(below + 1, values.length - 1);
    return values[below] + (at - below) * (values[above] - values[below]);
  }

  static double median(double[] values) {
    return quantile(values, 0.5);
  }

  private long okResponses() {
    try {
      String body =
          client
              .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher m = OK_RESPONSES.matcher(body);
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + metrics + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + metrics, e);
    }
  }

  /**
   * The CPU time of the poller's threads by thread id: the recorder, the HTTP clients' workers (the
   * shared client's, or each probe's own before the client was shared) and their selector threads
   * (only the pollers' clients run in this JVM: Gatling's own is Netty; this class's reads happen
   * outside the measured window).
   */
  private static Map<Long, Long> pollerThreadCpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> out = new LinkedHashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null
          && (info.getThreadName().startsWith("spillway-recorder-")
              || info.getThreadName().startsWith("spillway-poller-")
              || info.getThreadName().startsWith("spillway-http-probe-")
              || info.getThreadName().startsWith("HttpClient-"))) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        if (cpu >= 0) {
          out.put(info.getThreadId(), cpu);
        }
      }
    }
    return out;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private long serverCpuNanos() {
    return server.flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
  }
}
