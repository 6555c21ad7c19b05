package dev.spillway.samples.server.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One request as a handler sees it, through the JDK's {@link HttpExchange} API: the request is
 * complete in memory before the handler runs (so reading its body never waits on the client), and
 * the response is collected in memory and handed to the front's reactor, which writes it without
 * blocking. A handler's thread therefore never waits on a client, however slow.
 *
 * <p>{@link #getRequestURI()} is absolute ({@code http://host:port/path?query}) so that a path that
 * starts with {@code //} stays a path. {@link #getHttpContext()} is not supported.
 *
 * <p>Thread-safety: used by one handler thread at a time; the hand-over to the reactor is safe.
 */
final class FrontExchange extends HttpExchange {

  private final RequestHead head;
  private final URI uri;
  private final InetSocketAddress local;
  private final InetSocketAddress remote;
  private final boolean bodyTruncated;
  private final Consumer<FrontExchange> onComplete;
  private final Headers responseHeaders = new Headers();
  private final Map<String, Object> attributes = new HashMap<>();
  private InputStream requestBody;
  private final ResponseBody responseBody = new ResponseBody();
  private OutputStream responseStream = responseBody;
  private int status = -1;
  private boolean completed;
  private byte[] rendered;
  private boolean closeAfter;

  FrontExchange(
      RequestHead head,
      byte[] body,
      boolean bodyTruncated,
      InetSocketAddress local,
      InetSocketAddress remote,
      Consumer<FrontExchange> onComplete) {
    this.head = head;
    this.bodyTruncated = bodyTruncated;
    this.local = local;
    this.remote = remote;
    this.onComplete = onComplete;
    this.requestBody = new ByteArrayInputStream(body);
    String host = local.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    this.uri = URI.create("http://" + host + ":" + local.getPort() + head.rawTarget());
  }

  RequestHead head() {
    return head;
  }

  @Override
  public Headers getRequestHeaders() {
    return head.headers();
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return uri;
  }

  @Override
  public String getRequestMethod() {
    return head.method();
  }

  @Override
  public HttpContext getHttpContext() {
    throw new UnsupportedOperationException("the sample server's front has no HttpContext");
  }

  @Override
  public void close() {
    complete();
  }

  @Override
  public InputStream getRequestBody() {
    return requestBody;
  }

  @Override
  public OutputStream getResponseBody() {
    return responseStream;
  }

  @Override
  public synchronized void sendResponseHeaders(int rCode, long responseLength) throws IOException {
    if (status >= 0) {
      throw new IOException("response headers already sent (status " + status + ")");
    }
    if (rCode < 100 || rCode > 599) {
      throw new IllegalArgumentException("status must be from 100 to 599, but was " + rCode);
    }
    status = rCode;
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return remote;
  }

  @Override
  public int getResponseCode() {
    return status;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return local;
  }

  @Override
  public String getProtocol() {
    return head.http10() ? "HTTP/1.0" : "HTTP/1.1";
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public void setStreams(InputStream i, OutputStream o) {
    if (i != null) {
      requestBody = i;
    }
    if (o != null) {
      responseStream = o;
    }
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }

  /**
   * Ends the exchange after a handler failed: a 500 when nothing was sent yet, else the response as
   * far as it got; either way the connection closes after it.
   */
  synchronized void fail(Throwable t) {
    if (status < 0) {
      status = 500;
      responseHeaders.clear();
      responseHeaders.set("Content-Type", Replies.TEXT);
      responseBody.reset();
      responseBody.writeBytes(
          ("internal error: the handler failed with " + t.getClass().getSimpleName() + "\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    closeAfter = true;
    complete();
  }

  /** Renders the response once and hands it to the reactor; later calls do nothing. */
  private synchronized void complete() {
    if (completed) {
      return;
    }
    completed = true;
    if (status < 0) {
      status = 500; // the handler closed without answering
      responseHeaders.set("Content-Type", Replies.TEXT);
      responseBody.reset();
      responseBody.writeBytes(
          "internal error: the handler sent no response\n"
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      closeAfter = true;
    }
    List<String> connection = responseHeaders.get("Connection");
    boolean handlerCloses =
        connection != null && connection.stream().anyMatch(v -> v.equalsIgnoreCase("close"));
    closeAfter |= handlerCloses || bodyTruncated || !head.keepAlive();
    if (closeAfter) {
      responseHeaders.set("Connection", "close");
    } else if (head.http10()) {
      responseHeaders.set("Connection", "keep-alive");
    }
    rendered =
        Replies.render(
            status, responseHeaders, responseBody.toByteArray(), head.method().equals("HEAD"));
    onComplete.accept(this);
  }

  synchronized byte[] rendered() {
    return rendered;
  }

  synchronized int status() {
    return status;
  }

  synchronized boolean closeAfter() {
    return closeAfter;
  }

  /** The response body, collected; closing it completes the exchange, as the JDK's does. */
  private final class ResponseBody extends ByteArrayOutputStream {
    @Override
    public void close() {
      complete();
    }
  }
}
