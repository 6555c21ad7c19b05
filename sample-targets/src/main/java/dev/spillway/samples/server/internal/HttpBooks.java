package dev.spillway.samples.server.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * The front's own books: every connection accepted is open or closed, and every response the front
 * wrote is counted by status, whether a handler made it or the front itself refused the request.
 * {@code accepted = open + closed} holds at every moment the reactor is between two steps.
 *
 * <p>Thread-safety: written by the front's reactor thread only; read from any thread.
 */
@API(status = INTERNAL, since = "0.1")
public final class HttpBooks {

  /** Why a connection was closed before its client was done with it. */
  public enum Timeout {
    /** No request started within the idle timeout. */
    IDLE,
    /** A request head did not arrive within the header timeout (answered 408). */
    HEADER,
    /** A request body did not arrive within the body timeout (answered 408). */
    BODY,
    /** The client did not read a response within the write timeout. */
    WRITE
  }

  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong closed = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final Map<Timeout, AtomicLong> timeouts = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> responses = new ConcurrentHashMap<>();

  /** Empty books, for one front. */
  public HttpBooks() {
    for (Timeout t : Timeout.values()) {
      timeouts.put(t, new AtomicLong());
    }
  }

  void onAccepted() {
    accepted.incrementAndGet();
  }

  void onRefused() {
    refused.incrementAndGet();
  }

  void onClosed() {
    closed.incrementAndGet();
  }

  void onRequest() {
    requests.incrementAndGet();
  }

  void onTimeout(Timeout t) {
    timeouts.get(t).incrementAndGet();
  }

  void onResponse(int status) {
    responses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
  }

  /** Connections accepted, including those refused at the cap. */
  public long accepted() {
    return accepted.get();
  }

  /** Connections answered 503 because the cap was reached. */
  public long refused() {
    return refused.get();
  }

  /** Connections closed, by either side. */
  public long closed() {
    return closed.get();
  }

  /** Connections open now: {@code accepted - closed}. */
  public long open() {
    long c = closed.get(); // read first: a close never precedes its accept
    return accepted.get() - c;
  }

  /** Complete, valid requests handed to a handler. */
  public long requests() {
    return requests.get();
  }

  /** Connections closed for a timeout of kind {@code t}. */
  public long timeouts(Timeout t) {
    return timeouts.get(t).get();
  }

  /** Responses written with {@code status}. */
  public long responses(int status) {
    AtomicLong n = responses.get(status);
    return n == null ? 0 : n.get();
  }

  /** Responses by status, in status order. */
  public Map<Integer, Long> responsesByStatus() {
    Map<Integer, Long> copy = new TreeMap<>();
    responses.forEach((status, n) -> copy.put(status, n.get()));
    return copy;
  }

  @Override
  public String toString() {
    return "HttpBooks[accepted="
        + accepted()
        + ", refused="
        + refused()
        + ", open="
        + open()
        + ", requests="
        + requests()
        + ", timeouts="
        + new TreeMap<>(Map.copyOf(timeouts))
        + ", responses="
        + responsesByStatus()
        + "]";
  }
}
