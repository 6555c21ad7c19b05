package dev.spillway.samples.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How the server's in-process consumer spends its service time ({@code --work}).
 *
 * <p>The two differ under a starved CPU: a sleeping consumer is as fast on a CPU quota of 10 % as
 * on a free machine, because waiting costs no CPU; a CPU-bound one slows down with the CPU it gets.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ServiceWork {
  /** Waits for the service time, like a call to another service (the default). */
  SLEEP,
  /** Burns the service time as CPU time of the consumer's thread: a CPU quota slows it down. */
  CPU
}
