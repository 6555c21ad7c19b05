package dev.spillway.gatling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * What an HTTP answer means for the books: {@code 2xx} the target accepted the message, {@code 503}
 * or {@code 429} it refused it explicitly (shed), anything else (another status, no answer, a
 * timeout) the request failed.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum HttpOutcome {
  /** 2xx: the target took the message. */
  ACCEPTED,
  /** 503 Service Unavailable or 429 Too Many Requests: refused, the caller was told (shed). */
  REJECTED,
  /** Any other status, or no answer at all (a timeout, a refused connection). */
  FAILED;

  /** The outcome of an answer with {@code status}, or of no answer when it is empty. */
  public static HttpOutcome of(OptionalInt status) {
    Checks.notNull(status, "status");
    if (status.isEmpty()) {
      return FAILED;
    }
    int s = status.getAsInt();
    if (s >= 200 && s < 300) {
      return ACCEPTED;
    }
    return s == 503 || s == 429 ? REJECTED : FAILED;
  }
}
