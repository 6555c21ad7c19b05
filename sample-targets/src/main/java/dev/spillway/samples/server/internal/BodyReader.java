package dev.spillway.samples.server.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects a request body as its bytes arrive, without blocking: a fixed length or chunked transfer
 * coding. It keeps at most {@code cap} bytes; a body that would be longer stops there, {@linkplain
 * #truncated() truncated}, and the handler sees its first {@code cap} bytes (so a handler with a
 * limit of {@code cap - 1} knows it was exceeded).
 *
 * <p>Thread-safety: confined to the front's reactor thread.
 */
final class BodyReader {

  private static final int MAX_CHUNK_LINE = 1024;
  private static final int MAX_TRAILERS = 8 * 1024;

  private enum Step {
    SIZE,
    DATA,
    DATA_END,
    TRAILERS,
    DONE
  }

  private final int cap;
  private final boolean chunked;
  private byte[] kept = new byte[0];
  private int size;
  private long remaining; // of the fixed length, or of the current chunk
  private long received;
  private Step step;
  private final StringBuilder line = new StringBuilder();
  private int trailerBytes;
  private boolean truncated;
  private boolean sawCr;

  BodyReader(long contentLength, int cap) {
    this.cap = cap;
    this.chunked = contentLength < 0;
    this.remaining = Math.max(0, contentLength);
    this.step = chunked ? Step.SIZE : (contentLength == 0 ? Step.DONE : Step.DATA);
  }

  /** Whether the whole body has arrived. */
  boolean complete() {
    return step == Step.DONE;
  }

  /** Whether the body was longer than the cap: the rest of it was never read. */
  boolean truncated() {
    return truncated;
  }

  /** Whether no more bytes are wanted: complete or truncated. */
  boolean finished() {
    return complete() || truncated;
  }

  /** Body bytes received so far (chunked: data bytes only). */
  long received() {
    return received;
  }

  /** The declared length, or -1 when chunked. */
  long declared() {
    return chunked ? -1 : received + remaining;
  }

  byte[] bytes() {
    return Arrays.copyOf(kept, size);
  }

  /**
   * Takes bytes from {@code buf[off, off + len)}; returns how many it took (fewer than {@code len}
   * when the body ended or was truncated).
   */
  int consume(byte[] buf, int off, int len) throws Refusal {
    int i = off;
    int end = off + len;
    while (i < end && !finished()) {
      switch (step) {
        case DATA -> {
          int keep = (int) Math.min(Math.min(remaining, end - i), cap - size);
          keep(buf, i, keep);
          received += keep;
          remaining -= keep;
          i += keep;
          if (remaining == 0) {
            step = chunked ? Step.DATA_END : Step.DONE;
          } else if (size == cap) {
            truncated = true;
          }
        }
        case SIZE -> {
          char c = (char) (buf[i++] & 0xff);
          if (c == '\n') {
            chunkSize(stripCr(line.toString()));
            line.setLength(0);
          } else if (line.length() >= MAX_CHUNK_LINE) {
            throw Refusal.badRequest(
                "malformed chunked body: a chunk-size line must be at most "
                    + MAX_CHUNK_LINE
                    + " bytes");
          } else {
            line.append(c);
          }
        }
        case DATA_END -> {
          char c = (char) (buf[i++] & 0xff);
          if (c == '\r' && !sawCr) {
            sawCr = true;
          } else if (c == '\n') {
            sawCr = false;
            step = Step.SIZE;
          } else {
            throw Refusal.badRequest("malformed chunked body: chunk data must end with CRLF");
          }
        }
        case TRAILERS -> {
          char c = (char) (buf[i++] & 0xff);
          if (++trailerBytes > MAX_TRAILERS) {
            throw new Refusal(
                431, "chunked trailer fields must be at most " + MAX_TRAILERS + " bytes");
          }
          if (c == '\n') {
            if (stripCr(line.toString()).isEmpty()) {
              step = Step.DONE;
            }
            line.setLength(0);
          } else {
            line.append(c);
          }
        }
        case DONE -> throw new AssertionError("finished");
      }
    }
    return i - off;
  }

  private void chunkSize(String sizeLine) throws Refusal {
    int semicolon = sizeLine.indexOf(';');
    String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
    boolean ok = !hex.isEmpty() && hex.length() <= 15;
    for (int k = 0; ok && k < hex.length(); k++) {
      ok = RequestTarget.isHex(hex.charAt(k));
    }
    if (!ok) {
      throw Refusal.badRequest(
          "malformed chunked body: a chunk size must be 1 to 15 hex digits, but was '"
              + Printable.of(hex, 40)
              + "'");
    }
    remaining = Long.parseLong(hex, 16);
    step = remaining == 0 ? Step.TRAILERS : Step.DATA;
    if (remaining > 0 && size == cap) {
      truncated = true;
    }
  }

  private void keep(byte[] buf, int off, int n) {
    if (size + n > kept.length) {
      kept = Arrays.copyOf(kept, Math.min(cap, Math.max(size + n, Math.max(256, kept.length * 2))));
    }
    System.arraycopy(buf, off, kept, size, n);
    size += n;
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return new String(kept, 0, Math.min(size, 40), StandardCharsets.ISO_8859_1);
  }
}
