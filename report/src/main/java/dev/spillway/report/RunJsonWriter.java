package dev.spillway.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.ledger.LedgerAnomaly;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.record.Growth;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Writes a {@link RunResult} as a {@value RunResultJson#SCHEMA} document. Stateless. */
final class RunJsonWriter {

  private RunJsonWriter() {}

  static ObjectNode write(RunResult run) {
    ObjectNode o = Json.object();
    o.put("schema", RunResultJson.SCHEMA);
    o.put("id", run.id());
    o.put("name", run.name());
    o.put("design", run.design());
    o.put("scenario", run.scenario());
    o.put("source", run.source());
    o.put("startedAt", run.startedAt().toString());
    o.put("durationMs", JsonIn.millis(run.duration()));
    o.put("verdict", run.verdict().map(Enum::name).orElse(null));
    o.put("explanation", run.explanation());
    o.put("judgedProbe", run.judgedProbe().orElse(null));
    RunFigures figures = run.figures();
    ObjectNode f = o.putObject("figures");
    putLong(f, "highWaterMark", figures.highWaterMark());
    putMillis(f, "drainTimeMs", figures.drainTime());
    putMillis(f, "p99Ms", figures.p99());
    putDouble(f, "shedRatio", figures.shedRatio());
    f.put("boundsHeld", run.boundsHeld());
    ArrayNode bounds = o.putArray("bounds");
    for (BoundCheck b : run.bounds()) {
      ObjectNode n = bounds.addObject();
      n.put("kind", b.kind().name().toLowerCase(Locale.ROOT));
      n.put("subject", b.subject());
      n.put("limit", b.limit());
      putDouble(n, "observed", b.observed());
      n.put("unit", b.kind().unit());
      n.put("held", b.held());
    }
    run.plan().ifPresentOrElse(p -> plan(o.putObject("profile"), p), () -> o.putNull("profile"));
    run.load().ifPresentOrElse(l -> load(o.putObject("load"), l), () -> o.putNull("load"));
    percentiles(o, "latency", run.latency());
    percentiles(o, "lateness", run.lateness());
    ArrayNode injectors = o.putArray("injectors");
    for (InjectorInfo i : run.injectors()) {
      ObjectNode n = injectors.addObject();
      n.put("name", i.name());
      strings(n.putObject("params"), i.params());
    }
    run.growth().ifPresentOrElse(g -> growth(o.putObject("growth"), g), () -> o.putNull("growth"));
    putMillis(o, "drainTimeMs", run.drainTime());
    putMillis(o, "timeToLimitMs", run.timeToLimit());
    run.rates().ifPresentOrElse(r -> rates(o.putObject("rates"), r), () -> o.putNull("rates"));
    run.ledger().ifPresentOrElse(l -> ledger(o.putObject("ledger"), l), () -> o.putNull("ledger"));
    ArrayNode breaches = o.putArray("breaches");
    for (BreachMark b : run.breaches()) {
      ObjectNode n = breaches.addObject();
      n.put("atMs", JsonIn.millis(b.at()));
      n.put("queue", b.queue());
      n.put("depth", b.depth());
      n.put("detail", b.detail());
    }
    ArrayNode events = o.putArray("events");
    for (TimelineEvent e : run.events()) {
      ObjectNode n = events.addObject();
      n.put("atMs", JsonIn.millis(e.at()));
      n.put("kind", e.kind().name());
      n.put("source", e.source());
      n.put("detail", e.detail());
    }
    strings(o.putObject("details"), run.details());
    ArrayNode ratePoints = o.putArray("ratePoints");
    for (RatePoint r : run.ratePoints()) {
      ObjectNode n = ratePoints.addObject();
      n.put("startMs", JsonIn.millis(r.start()));
      n.put("lengthMs", JsonIn.millis(r.length()));
      n.put("sent", r.sent());
      n.put("completed", r.completed());
    }
    ArrayNode probes = o.putArray("probes");
    for (ProbeTrace p : run.probes()) {
      probe(probes.addObject(), p);
    }
    return o;
  }

  private static void plan(ObjectNode o, LoadPlan plan) {
    o.put("description", plan.description());
    o.put("loadStartMs", JsonIn.millis(plan.loadStart()));
    o.put("plannedDurationMs", JsonIn.millis(plan.plannedDuration()));
    o.put("plannedMessages", plan.plannedMessages());
    ArrayNode phases = o.putArray("phases");
    for (PhaseSpan p : plan.phases()) {
      ObjectNode n = phases.addObject();
      n.put("name", p.name());
      n.put("kind", p.kind().name());
      n.put("startMs", JsonIn.millis(p.start()));
      n.put("durationMs", JsonIn.millis(p.duration()));
      putRate(n, "startRatePerSecond", p.startRatePerSecond());
      putRate(n, "endRatePerSecond", p.endRatePerSecond());
      n.put("plannedMessages", p.plannedMessages());
      putLong(n, "sentMessages", p.sentMessages());
      putDouble(n, "achievedRatePerSecond", p.achievedRatePerSecond());
      putLong(n, "heldMessages", p.heldMessages());
    }
  }

  private static void load(ObjectNode o, LoadFigures l) {
    o.put("planned", l.planned());
    o.put("sent", l.sent());
    o.put("accepted", l.accepted());
    o.put("rejected", l.rejected());
    o.put("failed", l.failed());
    o.put("unfinished", l.unfinished());
    o.put("notSent", l.notSent());
    o.put("ending", l.ending().name());
    o.put("achievedRatePerSecond", l.achievedRatePerSecond());
    o.put("backPressure", l.backPressure().orElse(null));
  }

  private static void percentiles(ObjectNode parent, String name, Optional<Percentiles> value) {
    if (value.isEmpty()) {
      parent.putNull(name);
      return;
    }
    Percentiles p = value.get();
    ObjectNode o = parent.putObject(name);
    o.put("count", p.count());
    o.put("p50Ms", JsonIn.millis(p.p50()));
    o.put("p90Ms", JsonIn.millis(p.p90()));
    o.put("p99Ms", JsonIn.millis(p.p99()));
    o.put("p999Ms", JsonIn.millis(p.p999()));
    o.put("maxMs", JsonIn.millis(p.max()));
  }

  private static void growth(ObjectNode o, Growth g) {
    putFiniteOrNull(o, "slopePerSecond", g.slopePerSecond());
    putFiniteOrNull(o, "standardErrorPerSecond", g.standardError());
    o.put("points", g.points());
    o.put("fromMs", JsonIn.millis(g.from()));
    o.put("toMs", JsonIn.millis(g.to()));
    putFiniteOrNull(o, "fittedStartDepth", g.fittedStartDepth());
  }

  private static void rates(ObjectNode o, Rates r) {
    o.put("arrivalPerSecond", r.arrivalPerSecond());
    o.put("servicePerSecond", r.servicePerSecond());
    o.put("windowMs", JsonIn.millis(r.window()));
  }

  private static void ledger(ObjectNode o, LedgerSnapshot l) {
    o.put("name", l.ledger());
    o.put("sent", l.sent());
    o.put("processed", l.processed());
    o.put("rejected", l.rejected());
    o.put("dropped", l.dropped());
    o.put("failed", l.failed());
    o.put("queued", l.queued());
    o.put("inFlight", l.inFlight());
    o.put("byCaller", l.byCaller());
    o.put("unaccounted", l.unaccounted());
    o.put("shedFraction", l.shedFraction());
    o.put("sinceLastCompletionMs", JsonIn.millis(l.sinceLastCompletion()));
    o.put("sendingAfterLastCompletionMs", JsonIn.millis(l.sendingAfterLastCompletion()));
    o.put("anomalyCount", l.anomalyCount());
    ArrayNode anomalies = o.putArray("anomalies");
    for (LedgerAnomaly a : l.anomalies()) {
      ObjectNode n = anomalies.addObject();
      n.put("id", a.id());
      n.put("kind", a.kind().name());
      n.put("detail", a.detail());
    }
    ArrayNode ids = o.putArray("outstandingIds");
    l.outstandingIds().forEach(ids::add);
    causes(o.putArray("failureCauses"), l.failureCauses());
    causes(o.putArray("rejectionReasons"), l.rejectionReasons());
    causes(o.putArray("dropReasons"), l.dropReasons());
  }

  private static void causes(ArrayNode array, List<CauseCount> causes) {
    for (CauseCount c : causes) {
      ObjectNode n = array.addObject();
      n.put("cause", c.cause());
      n.put("count", c.count());
      ArrayNode examples = n.putArray("examples");
      c.examples().forEach(examples::add);
    }
  }

  private static void probe(ObjectNode o, ProbeTrace p) {
    o.put("name", p.probe());
    o.put("highWaterMark", p.highWaterMark());
    o.put("highWaterMarkAtMs", JsonIn.millis(p.highWaterMarkAt()));
    putLong(o, "exactHighWaterMark", p.exactHighWaterMark());
    o.put("finalDepth", p.finalDepth());
    o.put("meanDepth", p.meanDepth());
    o.put("samples", p.samples());
    o.put("failedSamples", p.failedSamples());
    o.put("points", p.size());
    ArrayNode times = o.putArray("timesMs");
    ArrayNode depths = o.putArray("depths");
    for (int i = 0; i < p.size(); i++) {
      times.add(JsonIn.millis(p.timeNanos(i)));
      depths.add(p.depth(i));
    }
  }

  private static void strings(ObjectNode o, Map<String, String> values) {
    values.forEach(o::put);
  }

  private static void putLong(ObjectNode o, String name, OptionalLong value) {
    if (value.isPresent()) {
      o.put(name, value.getAsLong());
    } else {
      o.putNull(name);
    }
  }

  private static void putDouble(ObjectNode o, String name, OptionalDouble value) {
    if (value.isPresent()) {
      o.put(name, value.getAsDouble());
    } else {
      o.putNull(name);
    }
  }

  private static void putMillis(ObjectNode o, String name, Optional<Duration> value) {
    if (value.isPresent()) {
      o.put(name, JsonIn.millis(value.get()));
    } else {
      o.putNull(name);
    }
  }

  /** A rate; an infinite one (a burst) as null. */
  private static void putRate(ObjectNode o, String name, double rate) {
    putFiniteOrNull(o, name, rate);
  }

  private static void putFiniteOrNull(ObjectNode o, String name, double value) {
    if (Double.isFinite(value)) {
      o.put(name, value);
    } else {
      o.putNull(name);
    }
  }
}
