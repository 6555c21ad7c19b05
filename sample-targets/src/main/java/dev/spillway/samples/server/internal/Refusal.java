package dev.spillway.samples.server.internal;

/**
 * A request the front answers itself, before any handler: a status and a one-line reason (already
 * safe to print: built from {@link Printable} renderings of the input).
 */
final class Refusal extends Exception {

  private static final long serialVersionUID = 1L;

  final int status;

  Refusal(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  static Refusal badRequest(String reason) {
    return new Refusal(400, reason);
  }
}
