package dev.spillway.samples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /designs/{design}/events?key=K}, and every way a request can be wrong. */
class EventsEndpointTest {

  private final TestServer target = new TestServer();

  @AfterEach
  void stop() {
    target.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "singleton",
        "partitioned",
        "bounded",
        "sentinel-watched",
        "balancer",
        "free-for-all",
        "drop-oldest",
        "demand-driven"
      })
  void anAcceptedEvent_is202_andReachesTheDesign(String design) {
    HttpResponse<String> response = target.post("/designs/" + design + "/events?key=user-42", "hi");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEqualTo("accepted\n");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(target.design(design).books().sent()).isEqualTo(1);
    assertThat(target.design(design).books().rejected()).isZero();
  }

  @Test
  void aRejectedEvent_is503_withRetryAfter_andTheReason() {
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> last = null;
    // bound 2 and a consumer that never finishes: the 4th event cannot fit, whatever the timing
    for (int i = 0; i < 4; i++) {
      last = target.post("/designs/bounded/events?key=k" + i, "");
      statuses.add(last.statusCode());
    }

    assertThat(statuses.get(0)).isEqualTo(202);
    assertThat(statuses.get(3)).isEqualTo(503);
    assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(last.body()).isEqualTo("bounded mailbox 'bounded' is full (capacity 2)\n");
    assertThat(statuses.stream().filter(s -> s == 503).count())
        .isEqualTo(target.design("bounded").books().rejected());
  }

  @Test
  void aKeyIsDecoded_fromTheQueryString() {
    target.post("/designs/singleton/events?other=1&key=caf%C3%A9+au+lait", "");
    assertThat(target.design("singleton").books().sent()).isEqualTo(1);
    assertThat(QueryParameters.parse("a=1&key=caf%C3%A9+au+lait"))
        .containsEntry("key", "café au lait");
  }

  @Test
  void anUnknownDesign_is404_namingTheKnownOnes() {
    HttpResponse<String> response = target.post("/designs/pool/events?key=k", "");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo(
            "unknown design 'pool': known designs are singleton, partitioned, bounded,"
                + " sentinel-watched, balancer, free-for-all, drop-oldest, demand-driven\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/designs/events", "/designs/", "/designs/singleton", "/designs/singleton/x"})
  void aPathThatIsNotAnEventsResource_is404(String path) {
    HttpResponse<String> response = target.post(path + "?key=k", "");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).startsWith("no such resource: /designs/");
    assertThat(target.get("/health").statusCode()).as("still serving").isEqualTo(200);
  }

  @Test
  void anEmptyDesignName_is404() {
    assertThat(target.post("/designs//events?key=k", "").statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "?", "?key", "?key=", "?user=42"})
  void aMissingKey_is400(String query) {
    HttpResponse<String> response = target.post("/designs/singleton/events" + query, "");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("query parameter 'key' is required, e.g. ?key=user-42\n");
    assertThat(target.design("singleton").books().sent()).isZero();
  }

  @Test
  void aKeyOf256Characters_isAccepted_and257Is400() {
    assertThat(target.post("/designs/singleton/events?key=" + "k".repeat(256), "").statusCode())
        .isEqualTo(202);

    HttpResponse<String> response =
        target.post("/designs/singleton/events?key=" + "k".repeat(257), "");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo("query parameter 'key' must be at most 256 characters, but was 257\n");
    assertThat(target.design("singleton").books().sent()).isEqualTo(1);
  }

  @Test
  void aBodyOf64KiB_isAccepted_aBodyOver64KiBIs413_andTheServerKeepsServing() {
    String limit = "x".repeat(64 * 1024);
    assertThat(target.post("/designs/singleton/events?key=k", limit).statusCode()).isEqualTo(202);

    HttpResponse<String> tooBig = target.post("/designs/singleton/events?key=k", limit + "y");

    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(tooBig.body()).isEqualTo("body must be at most 65536 bytes\n");
    // the same client, likely on a fresh connection: the server still serves
    for (int i = 0; i < 3; i++) {
      assertThat(target.post("/designs/singleton/events?key=k", "small").statusCode())
          .isEqualTo(202);
    }
    assertThat(target.design("singleton").books().sent()).isEqualTo(4);
  }

  @Test
  void afterA413_theConnectionIsClosed_soTheClientsNextPostAlwaysWorks() {
    String tooBig = "x".repeat(64 * 1024 + 1);
    for (int i = 0; i < 100; i++) {
      HttpResponse<String> refused = target.post("/designs/singleton/events?key=k", tooBig);
      assertThat(refused.statusCode()).isEqualTo(413);
      assertThat(refused.headers().firstValue("Connection")).hasValue("close");
      // a keep-alive client would otherwise send this on a connection the server is closing
      HttpResponse<String> next = target.post("/designs/singleton/events?key=k", "small");
      assertThat(next.statusCode()).as("request %d after a 413", i).isEqualTo(202);
      assertThat(next.headers().firstValue("Connection")).as("kept alive").isEmpty();
    }
  }

  @Test
  void aLargeBodySentToAnUnknownDesign_closesTheConnectionToo() {
    HttpResponse<String> refused = target.post("/designs/pool/events?key=k", "x".repeat(100_000));
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.headers().firstValue("Connection")).hasValue("close");
    assertThat(target.post("/designs/singleton/events?key=k", "").statusCode()).isEqualTo(202);

    HttpResponse<String> small = target.post("/designs/pool/events?key=k", "x".repeat(100));
    assertThat(small.statusCode()).isEqualTo(404);
    assertThat(small.headers().firstValue("Connection")).as("small body: kept alive").isEmpty();
  }

  @Test
  void aChunkedBodyOver64KiB_withoutAContentLength_is413Too() {
    byte[] body = new byte[64 * 1024 + 1];
    HttpResponse<String> response =
        target.send(
            HttpRequest.newBuilder(URI.create(target.url("/designs/singleton/events?key=k")))
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body))));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(target.post("/designs/singleton/events?key=k", "").statusCode()).isEqualTo(202);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "PUT", "DELETE"})
  void anotherMethod_is405_withAllowPost(String method) {
    HttpResponse<String> response =
        target.send(
            HttpRequest.newBuilder(URI.create(target.url("/designs/singleton/events?key=k")))
                .method(method, HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertThat(response.body()).isEqualTo("method " + method + " not allowed: use POST\n");
  }

  @Test
  void health_is200ok_andOnlyAnswersGet() {
    HttpResponse<String> health = target.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok\n");

    HttpResponse<String> post = target.post("/health", "");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    assertThat(target.get("/healthz").statusCode()).isEqualTo(404);
  }

  @Test
  void anyOtherPath_is404() {
    assertThat(target.get("/").statusCode()).isEqualTo(404);
    assertThat(target.get("/nothing/here").body()).isEqualTo("no such resource: /nothing/here\n");
    assertThat(target.get("/metricsx").statusCode()).isEqualTo(404);
  }

  @Test
  void theServer_bindsLoopbackByDefault_andReportsItsEphemeralPort() {
    assertThat(target.server.port()).isPositive();
    assertThat(target.server.baseUrl().toString())
        .isEqualTo("http://127.0.0.1:" + target.server.port());
    assertThat(target.server.designs().keySet())
        .containsExactlyElementsOf(SampleTargetServer.DESIGNS);
    assertThat(target.server.options().bound()).isEqualTo(2);
    assertThatThrownBy(() -> target.server.design("pool"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "design must be one of [singleton, partitioned, bounded, sentinel-watched, balancer, free-for-all, drop-oldest, demand-driven], but was"
                + " 'pool'");
  }

  @Test
  void afterClose_theServerNoLongerListens_andCloseIsIdempotent() {
    target.close();
    target.close();
    assertThat(target.design("singleton").track("k", "").accepted()).isFalse();
    assertThatThrownBy(() -> target.get("/health")).isInstanceOf(AssertionError.class);
  }
}
