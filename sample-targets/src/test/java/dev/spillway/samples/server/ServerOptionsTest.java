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

  private static final String DURATION =
      "a duration >= 1 ns and <= 292 years, an integer and a unit (ns, us, ms, s, m, h) such as"
          + " 250ms (a bare number is ms), but was ";
  private static final String TIMEOUT =
      "a duration >= 1 ms and <= 1 h, an integer and a unit (ns, us, ms, s, m, h) such as 250ms"
          + " (a bare number is ms), but was ";

  private static final String OPTIONS =
      "the options are --port, --bind, --service-time, --work, --partitions, --bound,"
          + " --sentinel-enable, --sentinel-disable, --mitigation, --downstream, --handler-threads,"
          + " --max-connections, --idle-timeout, --header-timeout, --body-timeout, --write-timeout,"
          + " --help";

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
    assertThat(options.limits()).isEqualTo(HttpLimits.defaults());
    assertThat(options.limits().maxConnections()).isEqualTo(1024);
    assertThat(options.limits().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.limits().headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.limits().bodyTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.limits().writeTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theHttpLimits_areParsed() {
    ServerOptions options =
        ServerOptions.parse(
            "--max-connections=7",
            "--idle-timeout",
            "2s",
            "--header-timeout=300ms",
            "--body-timeout",
            "400ms",
            "--write-timeout=1m");
    assertThat(options.limits())
        .isEqualTo(
            new HttpLimits(
                7,
                Duration.ofSeconds(2),
                Duration.ofMillis(300),
                Duration.ofMillis(400),
                Duration.ofMinutes(1)));
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

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--bound 5 --bound=6|--bound",
        "--bound=5 --bound=5|--bound",
        "--service-time 5ms --port 0 --service-time 6ms|--service-time",
        "--header-timeout=1s --header-timeout=1s|--header-timeout",
      })
  void aRepeatedFlag_isRefused_namingIt(String args, String flag) {
    assertThatThrownBy(() -> ServerOptions.parse(args.split(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(flag + " must be given at most once, but was given more than once");
  }

  @Test
  void aDuration_readsTheSharedGrammar_spacesAllowed_aBareNumberInMilliseconds() {
    assertThat(ServerOptions.parse("--service-time", " 250 us ").serviceTime())
        .isEqualTo(Duration.ofNanos(250_000));
    assertThat(ServerOptions.parse("--idle-timeout=1500").limits().idleTimeout())
        .isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void aDurationDefault_thatItsHumanFormRounds_isAProgrammingError() {
    ServerOptions d = ServerOptions.defaults();
    ServerOptions odd =
        new ServerOptions(
            d.port(),
            d.bindAddress(),
            Duration.ofNanos(1_234_567),
            d.partitions(),
            d.bound(),
            d.sentinelEnable(),
            d.sentinelDisable(),
            d.mitigation(),
            d.downstream(),
            d.handlerThreads());

    assertThatThrownBy(() -> new ServerCommand(odd))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "a duration default must read back exactly from its human form, but was 1.23 ms");
  }

  @Test
  void aValueStartingWithAt_isAValue_notAFileOfArguments() {
    assertThatThrownBy(() -> ServerOptions.parse("--mitigation", "@flags.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--mitigation must be one of shed, restart, alert, but was '@flags.txt'");
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
        "--port|70000|--port must be from 0 to 65535, but was 70000",
        "--port|-1|--port must be from 0 to 65535, but was -1",
        "--port|http|--port must be a whole number from 0 to 65535, but was 'http'",
        "--port|''|--port must be a whole number from 0 to 65535, but was ''",
        "--port|99999999999999999999|--port must be from 0 to 65535, but was 99999999999999999999",
        "--bind|[::zz]|--bind must be an IP address or a resolvable host name, but was"
            + " '[::zz]'",
        "--service-time|-5ms|--service-time must be " + DURATION + "'-5ms'",
        "--service-time|0ms|--service-time must be " + DURATION + "'0ms'",
        "--service-time|0|--service-time must be " + DURATION + "'0'",
        "--service-time|5 days|--service-time must be " + DURATION + "'5 days'",
        "--service-time|99999999999999999999|--service-time must be "
            + DURATION
            + "'99999999999999999999'",
        "--service-time|9999999999999m|--service-time must be " + DURATION + "'9999999999999m'",
        "--partitions|0|--partitions must be from 1 to 1024, but was 0",
        "--partitions|1025|--partitions must be from 1 to 1024, but was 1025",
        "--partitions|2.5|--partitions must be a whole number from 1 to 1024, but was '2.5'",
        "--bound|0|--bound must be from 1 to 2147483647, but was 0",
        "--bound|99999999999|--bound must be from 1 to 2147483647, but was 99999999999",
        "--bound|-99999999999|--bound must be from 1 to 2147483647, but was -99999999999",
        "--sentinel-disable|-1|--sentinel-disable must be from 0 to 2147483647, but was -1",
        "--sentinel-enable|250|--sentinel-enable must be greater than --sentinel-disable (250),"
            + " but was 250",
        "--sentinel-enable|0|--sentinel-enable must be from 1 to 2147483647, but was 0",
        "--mitigation|drop|--mitigation must be one of shed, restart, alert, but was 'drop'",
        "--downstream|ftp://host/x|--downstream must be an http:// or https:// URL, but was"
            + " 'ftp://host/x'",
        "--downstream|http://|--downstream must be an http:// or https:// URL, but was 'http://'",
        "--downstream|not a url|--downstream must be an http:// or https:// URL, but was 'not a"
            + " url'",
        "--handler-threads|0|--handler-threads must be from 1 to 1024, but was 0",
        "--handler-threads|1025|--handler-threads must be from 1 to 1024, but was 1025",
        "--max-connections|0|--max-connections must be from 1 to 100000, but was 0",
        "--max-connections|100001|--max-connections must be from 1 to 100000, but was 100001",
        "--idle-timeout|0s|--idle-timeout must be " + TIMEOUT + "'0s'",
        "--header-timeout|-1s|--header-timeout must be " + TIMEOUT + "'-1s'",
        "--body-timeout|2h|--body-timeout must be " + TIMEOUT + "'2h'",
        "--write-timeout|500us|--write-timeout must be " + TIMEOUT + "'500us'",
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

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--colour red|--colour",
        "--colour=red|--colour",
        "--port 0 --colour|--colour",
        "--port=0 --colour|--colour",
        "--port 0 --colour red --bound 3|--colour",
        "--colour|--colour",
        "-x|-x",
      })
  void anUnknownFlag_inAnyPosition_isNamed_withTheListOfFlags(String args, String flag) {
    assertThatThrownBy(() -> ServerOptions.parse(args.split(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown option '" + flag + "': " + OPTIONS);
  }

  @Test
  void aMissingValue_andAStrayArgument_areRefused() {
    assertThatThrownBy(() -> ServerOptions.parse("--port"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--port must be followed by a value");
    assertThatThrownBy(() -> ServerOptions.parse("--bound", "3", "--port"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--port must be followed by a value");
    assertThatThrownBy(() -> ServerOptions.parse("8080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unexpected argument '8080': " + OPTIONS);
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
        .hasMessage("--service-time must be " + DURATION + "-1 ms");
  }

  @Test
  void theUsage_listsEveryFlagWithItsDefault() {
    String usage = ServerOptions.usage();
    assertThat(usage)
        .startsWith("Usage: java -jar spillway-sample-targets.jar [OPTIONS]")
        .contains(
            "--port=N",
            "--bind=ADDRESS",
            "--service-time=DURATION",
            "--partitions=N",
            "--bound=N",
            "--sentinel-enable=N",
            "--sentinel-disable=N",
            "--mitigation=MODE",
            "--downstream=URL",
            "--handler-threads=N",
            "--work=sleep|cpu",
            "--max-connections=N",
            "--idle-timeout=DURATION",
            "--header-timeout=DURATION",
            "--body-timeout=DURATION",
            "--write-timeout=DURATION",
            "--help")
        .contains("(default 8080)", "(default 127.0.0.1)", "(default 100)", "(default 500)")
        .contains("(default 250)", "(default shed)", "(default 16)", "(default sleep)");
    assertThat(usage.replaceAll("\\s+", " "))
        .contains("(default 5 ms)", "(default 1024)", "(default 30 s)", "(default 10 s)");
  }

  private static InetAddress addressOf(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
