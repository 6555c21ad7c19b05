package dev.spillway.samples.server.internal;

import dev.spillway.samples.server.internal.HttpBooks.Timeout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One client connection and where its current request stands: waiting for a request, reading its
 * head, reading its body, with a handler, writing the response, or lingering (output shut, input
 * drained and dropped) before it closes. Each step has a deadline, checked by the reactor's sweep.
 *
 * <p>Thread-safety: confined to the front's reactor thread.
 */
final class Connection {

  enum State {
    IDLE,
    HEAD,
    BODY,
    HANDLER,
    WRITING,
    LINGERING,
    CLOSED
  }

  /** How much a lingering close reads and drops before it gives up waiting for the client. */
  static final int LINGER_BYTES = 256 * 1024;

  private static final int READ_CHUNK = 8 * 1024;

  private final HttpFront front;
  final SocketChannel channel;
  SelectionKey key;
  final boolean refused;

  State state = State.IDLE;
  private long deadline;

  private byte[] in = new byte[2048];
  private int start; // first unconsumed byte of in
  private int end; // end of the bytes read into in

  private RequestHead head;
  private BodyReader body;
  private ByteBuffer out;
  private boolean closeAfterWrite;
  private boolean responding; // out holds a response, not an interim 100 Continue
  private int lingered;

  Connection(HttpFront front, SocketChannel channel, boolean refused) {
    this.front = front;
    this.channel = channel;
    this.refused = refused;
  }

  /** Starts waiting for the first request. */
  void open(long now) {
    idle(now);
  }

  private void idle(long now) {
    state = State.IDLE;
    head = null;
    body = null;
    deadline = now + front.limits.idleTimeout;
    interest(SelectionKey.OP_READ);
  }

  long deadline() {
    return deadline;
  }

  /** What happens when the deadline of the current step passes. */
  void expire(long now) throws IOException {
    switch (state) {
      case IDLE -> {
        front.books.onTimeout(Timeout.IDLE);
        close();
      }
      case HEAD -> {
        front.books.onTimeout(Timeout.HEADER);
        refuse(
            408,
            "request head not received within "
                + front.limits.headerTimeoutText
                + " (got "
                + (end - start)
                + " bytes of it)",
            now);
      }
      case BODY -> {
        front.books.onTimeout(Timeout.BODY);
        String declared =
            body.declared() < 0 ? "chunked" : "declared " + body.declared() + " bytes";
        refuse(
            408,
            "request body not received within "
                + front.limits.bodyTimeoutText
                + " (got "
                + body.received()
                + " bytes, "
                + declared
                + ")",
            now);
      }
      case WRITING -> {
        front.books.onTimeout(Timeout.WRITE);
        close();
      }
      case LINGERING -> close();
      case HANDLER, CLOSED -> {
        // no deadline: a handler never waits on the client
      }
    }
  }

  boolean hasDeadline() {
    return state != State.HANDLER && state != State.CLOSED;
  }

  void readable(long now) throws IOException {
    if (state == State.LINGERING) {
      drain();
      return;
    }
    if (state != State.IDLE && state != State.HEAD && state != State.BODY) {
      return;
    }
    if (end == in.length) {
      compactOrGrow();
    }
    int n = channel.read(ByteBuffer.wrap(in, end, Math.min(in.length - end, READ_CHUNK)));
    if (n < 0) {
      close(); // the client is gone: mid-request or not, nothing can be answered
      return;
    }
    end += n;
    process(now);
  }

  /** Moves the current request forward with the bytes in hand. */
  private void process(long now) throws IOException {
    try {
      if (state == State.IDLE) {
        while (start < end && (in[start] == '\r' || in[start] == '\n')) {
          start++; // empty lines before a request line are allowed (RFC 9112 2.2)
        }
        if (start == end) {
          return;
        }
        state = State.HEAD;
        deadline = now + front.limits.headerTimeout;
      }
      if (state == State.HEAD) {
        int headEnd = HeadParser.headEnd(in, start, end);
        if (headEnd < 0) {
          HeadParser.checkIncomplete(in, start, end);
          return;
        }
        head = HeadParser.parse(in, start, headEnd);
        start = headEnd;
        body = new BodyReader(head.contentLength(), front.bodyCap);
        if (head.hasBody()) {
          state = State.BODY;
          deadline = now + front.limits.bodyTimeout;
          if (head.expectContinue()) {
            write(ByteBuffer.wrap(Replies.CONTINUE), false, now);
          }
        }
      }
      if (state == State.BODY) {
        start += body.consume(in, start, end - start);
        if (!body.finished()) {
          return;
        }
      }
      if (state == State.HEAD || state == State.BODY) {
        state = State.HANDLER;
        interest(0);
        front.dispatch(this, head, body.bytes(), body.truncated());
      }
    } catch (Refusal r) {
      refuse(r.status, r.getMessage(), now);
    }
  }

  /** The front answers this request itself, with one line, and closes the connection. */
  void refuse(int status, String reason, long now) throws IOException {
    respond(Replies.oneLine(status, reason), status, true, now);
  }

  /** Starts writing a complete response; {@code close} closes the connection after it. */
  void respond(byte[] response, int status, boolean close, long now) throws IOException {
    front.books.onResponse(status);
    state = State.WRITING;
    responding = true;
    closeAfterWrite = close;
    deadline = now + front.limits.writeTimeout;
    write(ByteBuffer.wrap(response), true, now);
  }

  private void write(ByteBuffer bytes, boolean response, long now) throws IOException {
    if (out != null && out.hasRemaining()) {
      // an interim 100 Continue is still going out: queue the response behind it
      ByteBuffer both = ByteBuffer.allocate(out.remaining() + bytes.remaining());
      both.put(out).put(bytes).flip();
      bytes = both;
    }
    out = bytes;
    responding = response;
    writable(now);
  }

  void writable(long now) throws IOException {
    channel.write(out);
    if (out.hasRemaining()) {
      interest(SelectionKey.OP_WRITE | (state == State.BODY ? SelectionKey.OP_READ : 0));
      return;
    }
    out = null;
    if (!responding) {
      // the 100 Continue is out: the body may come, unless it came already
      interest(state == State.BODY ? SelectionKey.OP_READ : 0);
      return;
    }
    responding = false;
    if (closeAfterWrite || front.closing()) {
      linger(now);
    } else {
      idle(now);
      process(now); // a pipelined request may be waiting in the buffer already
    }
  }

  /**
   * Closes gracefully: shuts the output (the client reads the response and then end of stream),
   * then reads and drops what the client still sends, so that closing does not reset the connection
   * and destroy the response before the client has read it.
   */
  private void linger(long now) throws IOException {
    state = State.LINGERING;
    deadline = now + front.lingerNanos;
    channel.shutdownOutput();
    lingered = end - start;
    start = end = 0;
    interest(SelectionKey.OP_READ);
  }

  private void drain() throws IOException {
    ByteBuffer sink = ByteBuffer.wrap(in);
    int n = channel.read(sink);
    if (n < 0 || (lingered += Math.max(0, n)) > LINGER_BYTES) {
      close();
    }
  }

  private void compactOrGrow() {
    if (start > 0) {
      System.arraycopy(in, start, in, 0, end - start);
      end -= start;
      start = 0;
    } else {
      in = Arrays.copyOf(in, Math.min(in.length * 2, HeadParser.MAX_HEAD + READ_CHUNK));
    }
  }

  private void interest(int ops) {
    if (key.isValid()) {
      key.interestOps(ops);
    }
  }

  void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    key.cancel();
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
    front.closed(this);
  }

  @Override
  public String toString() {
    return "Connection[" + state + (refused ? ", refused" : "") + "]";
  }
}
