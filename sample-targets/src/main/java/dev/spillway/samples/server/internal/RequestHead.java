package dev.spillway.samples.server.internal;

import com.sun.net.httpserver.Headers;

/**
 * One request's head, parsed and validated by {@link HeadParser}.
 *
 * @param method the method token
 * @param rawPath the path as sent (percent-encoded; checked to be printable ASCII)
 * @param rawQuery the query as sent, without {@code ?}; null when absent
 * @param http10 whether the request is HTTP/1.0
 * @param headers the header fields
 * @param contentLength the declared body length; 0 when there is none; -1 when chunked
 * @param keepAlive whether the client wants the connection kept open after the response
 * @param expectContinue whether the client waits for {@code 100 Continue} before its body
 */
record RequestHead(
    String method,
    String rawPath,
    String rawQuery,
    boolean http10,
    Headers headers,
    long contentLength,
    boolean keepAlive,
    boolean expectContinue) {

  boolean chunked() {
    return contentLength < 0;
  }

  boolean hasBody() {
    return contentLength != 0;
  }

  /** The request target as sent: path and query. */
  String rawTarget() {
    return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
  }
}
