package dev.spillway.samples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.samples.SentinelMitigation;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server's flags: every one parsed, the defaults, and a precise error for each bad one. */
class ServerOptionsTest {

  @Test
  void noFlags_giveTheDefaults() {
    ServerOptions options = ServerOptions.parse();

    assertThat(options).isEqualTo(ServerOptions.defaults());
    assertThat(options.port()).isEqualTo(8080);
    assertThat(options.bindAddress()).isEqualTo(InetAddress.getLoopbackAddress());
    assertThat(options.serviceTime()).isEqualTo(Duration.ofMillis(5));
    assertThat(options.partitions())
        .isEqualTo(Math.min(1024, Runtime.getRuntime().availableProcessors()));
    assertThat(options.bound()).isEqualTo(100);
    assertThat(options.sentinelEnable()).isEqualTo(500);
    assertThat(options.sentinelDisable()).isEqualTo(250);
    assertThat(options.mitigation()).isEqualTo(SentinelMitigation.SHED);
    assertThat(options.downstream()).isEmpty();
    assertThat(options.handlerThreads()).isEqualTo(16);
    assertThat(options.work()).isEqualTo(ServiceWork.SLEEP);
  }

  @ParameterizedTest
  @CsvSource({"cpu, CPU", "SLEEP, SLEEP", "' Cpu ', CPU"})
  void work_isReadInAnyCase(String flag, ServiceWork expected) {
    assertThat(ServerOptions.parse("--work", flag).work()).isEqualTo(expected);
    assertThat(ServerOptions.parse("--work=" + flag).work()).isEqualTo(expected);
  }

  @Test
  void cpuWork_withADownstreamUrl_isRejected_becauseTheWorkIsTheInProcessConsumers() {
    assertThatThrownBy(() -> ServerOptions.parse("--work=cpu", "--downstream=http://127.0.0.1:9/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--work must be sleep when --downstream is given (CPU work is the in-process"
                + " consumer's), but was cpu with --downstream http://127.0.0.1:9/x");
    assertThat(ServerOptions.parse("--work=sleep", "--downstream=http://127.0.0.1:9/x").work())
        .isEqualTo(ServiceWork.SLEEP);
  }

  @Test
  void theConstructorWithoutWork_waits_asBeforeTheFlagExisted() {
    ServerOptions d = ServerOptions.defaults();
    ServerOptions options =
        new ServerOptions(
            d.port(),
            d.bindAddress(),
            d.serviceTime(),
            d.partitions(),
            d.bound(),
            d.sentinelEnable(),
            d.sentinelDisable(),
            d.mitigation(),
            d.downstream(),
            d.handlerThreads());
    assertThat(options).isEqualTo(d);
    assertThatThrownBy(
            () ->
                new ServerOptions(
                    d.port(),
                    d.bindAddress(),
                    d.serviceTime(),
                    d.partitions(),
                    d.bound(),
                    d.sentinelEnable(),
                    d.sentinelDisable(),
                    d.mitigation(),
                    d.downstream(),
                    d.handlerThreads(),
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--work must be sleep or cpu, but was null");
  }

  @Test
  void everyFlag_isParsed_withASpaceOrAnEqualsSign() {
    ServerOptions options =
        ServerOptions.parse(
            "--port",
            "9090",
            "--bind=0.0.0.0",
            "--service-time",
            "250us",
            "--partitions=7",
            "--bound",
            "42",
            "--sentinel-enable=80",
            "--sentinel-disable",
            "20",
            "--mitigation=Restart",
            "--downstream",
            "http://127.0.0.1:9999/events",
            "--handler-threads=3");

    assertThat(options)
        .isEqualTo(
            new ServerOptions(
                9090,
                addressOf("0.0.0.0"),
                Duration.ofNanos(250_000),
                7,
                42,
                80,
                20,
                SentinelMitigation.RESTART,
                Optional.of(URI.create("http://127.0.0.1:9999/events")),
                3));
  }

  @Test
  void theLastOccurrenceOfAFlag_wins() {
    assertThat(ServerOptions.parse("--bound", "5", "--bound=6").bound()).isEqualTo(6);
  }

  @ParameterizedTest
  @CsvSource({"alert, ALERT", "SHED, SHED", "' restart ', RESTART"})
  void mitigations_areReadInAnyCase(String flag, SentinelMitigation expected) {
    assertThat(ServerOptions.parse("--mitigation", flag).mitigation()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--port|70000|--port must be a port number from 0 to 65535, but was 70000",
        "--port|-1|--port must be a port number from 0 to 65535, but was -1",
        "--port|http|--port must be a whole number, but was 'http'",
        "--port|''|--port must be a whole number, but was ''",
        "--bind|[::zz]|--bind must be an IP address or a resolvable host name, but was"
            + " '[::zz]'",
        "--service-time|-5ms|--service-time must be a whole number with a unit (ns, us, ms, s, m)"
            + " such as 5ms, but was '-5ms'",
        "--service-time|5 days|--service-time must be a whole number with a unit (ns, us, ms, s,"
            + " m) such as 5ms, but was '5 days'",
        "--service-time|99999999999999999999|--service-time must be at most 292 years (a long of"
            + " nanoseconds), but was '99999999999999999999'",
        "--service-time|9999999999999m|--service-time must be at most 292 years (a long of"
            + " nanoseconds), but was '9999999999999m'",
        "--partitions|0|--partitions must be from 1 to 1024, but was 0",
        "--partitions|1025|--partitions must be from 1 to 1024, but was 1025",
        "--partitions|2.5|--partitions must be a whole number, but was '2.5'",
        "--bound|0|--bound must be >= 1, but was 0",
        "--sentinel-disable|-1|--sentinel-disable must be >= 0, but was -1",
        "--sentinel-enable|250|--sentinel-enable must be greater than --sentinel-disable (250),"
            + " but was 250",
        "--mitigation|drop|--mitigation must be one of shed, restart, alert, but was 'drop'",
        "--downstream|ftp://host/x|--downstream must be an http:// or https:// URL, but was"
            + " 'ftp://host/x'",
        "--downstream|http://|--downstream must be an http:// or https:// URL, but was 'http://'",
        "--downstream|not a url|--downstream must be an http:// or https:// URL, but was 'not a"
            + " url'",
        "--handler-threads|0|--handler-threads must be from 1 to 1024, but was 0",
        "--handler-threads|1025|--handler-threads must be from 1 to 1024, but was 1025",
        "--work|gpu|--work must be one of sleep, cpu, but was 'gpu'",
      })
  void aBadValue_isRejectedNamingTheFlagTheValueAndTheRule(
      String flag, String value, String message) {
    assertThatThrownBy(() -> ServerOptions.parse(flag, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> ServerOptions.parse(flag + "=" + value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void unknownFlagsMissingValuesAndStrayArguments_areRejected() {
    assertThatThrownBy(() -> ServerOptions.parse("--colour", "red"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown flag --colour (see --help)");
    assertThatThrownBy(() -> ServerOptions.parse("--port"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("flag --port needs a value (see --help)");
    assertThatThrownBy(() -> ServerOptions.parse("8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("argument '8080' is not a flag: flags start with -- (see --help)");
  }

  @Test
  void theConstructor_validatesToo() {
    ServerOptions d = ServerOptions.defaults();
    assertThatThrownBy(
            () ->
                new ServerOptions(
                    d.port(),
                    null,
                    d.serviceTime(),
                    d.partitions(),
                    d.bound(),
                    d.sentinelEnable(),
                    d.sentinelDisable(),
                    d.mitigation(),
                    d.downstream(),
                    d.handlerThreads()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--bind must be an IP address or host name, but was null");
    assertThatThrownBy(
            () ->
                new ServerOptions(
                    d.port(),
                    d.bindAddress(),
                    Duration.ofMillis(-1),
                    d.partitions(),
                    d.bound(),
                    d.sentinelEnable(),
                    d.sentinelDisable(),
                    d.mitigation(),
                    d.downstream(),
                    d.handlerThreads()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--service-time must be a duration >= 0 such as 5ms, but was PT-0.001S");
  }

  @Test
  void theUsage_listsEveryFlagWithItsDefault() {
    String usage = ServerOptions.usage();
    assertThat(usage)
        .contains(
            "--port N",
            "--bind ADDRESS",
            "--service-time DURATION",
            "--partitions N",
            "--bound N",
            "--sentinel-enable N",
            "--sentinel-disable N",
            "--mitigation MODE",
            "--downstream URL",
            "--handler-threads N",
            "--work sleep|cpu",
            "--help")
        .contains("(default 8080)", "(default 5ms)", "(default 100)", "(default 500)")
        .contains("(default 250)", "(default shed)", "(default 16)", "(default 127.0.0.1)")
        .contains("(default sleep)");
  }

  private static InetAddress addressOf(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
