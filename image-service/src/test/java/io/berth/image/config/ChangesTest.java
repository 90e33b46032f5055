package io.berth.image.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChangesTest {

  private static RunConfig apply(String... changes) {
    return Changes.apply(RunConfig.empty(), List.of(changes));
  }

  @Test
  void returnsTheBaseWhenThereAreNoChanges() {
    RunConfig base = apply("USER me");

    assertThat(Changes.apply(base, List.of())).isSameAs(base);
  }

  @Test
  void cmdTakesJsonAndShellForm() {
    assertThat(apply("CMD [\"echo\", \"hi\"]").cmd()).containsExactly("echo", "hi");
    assertThat(apply("CMD echo \"hi there\"").cmd())
        .containsExactly("/bin/sh", "-c", "echo \"hi there\"");
    assertThat(apply("CMD [not json").cmd()).containsExactly("/bin/sh", "-c", "[not json");
  }

  @Test
  void entrypointTakesJsonAndShellFormAndDropsAnUnsetCmd() {
    RunConfig base = apply("CMD [\"old\"]");

    RunConfig shell = Changes.apply(base, List.of("ENTRYPOINT exec nginx -g 'daemon off;'"));

    assertThat(shell.entrypoint()).containsExactly("/bin/sh", "-c", "exec nginx -g 'daemon off;'");
    assertThat(shell.cmd()).isNull();
    assertThat(apply("ENTRYPOINT [\"/x\"]").entrypoint()).containsExactly("/x");
  }

  @Test
  void entrypointKeepsACmdSetByTheSameChanges() {
    // As Docker 20.10 did for: docker import -c 'CMD echo hi' -c 'ENTRYPOINT ["/x"]'
    RunConfig config = apply("CMD echo hi", "ENTRYPOINT [\"/x\"]");

    assertThat(config.cmd()).containsExactly("/bin/sh", "-c", "echo hi");
    assertThat(config.entrypoint()).containsExactly("/x");
  }

  @Test
  void emptyCmdEntrypointAndHealthcheckNoneAsDocker() {
    // As Docker 20.10 did for: -c 'HEALTHCHECK NONE' -c 'CMD' -c 'ENTRYPOINT'
    RunConfig config = apply("HEALTHCHECK NONE", "CMD", "ENTRYPOINT");

    assertThat(config.cmd()).isNull();
    assertThat(config.entrypoint()).isNull();
    assertThat(config.healthcheck()).isEqualTo(Healthcheck.none());
  }

  @Test
  void shellFormUsesTheConfiguredShell() {
    RunConfig base = RunConfig.builder().shell(List.of("/bin/bash", "-xc")).build();

    assertThat(Changes.apply(base, List.of("CMD make")).cmd())
        .containsExactly("/bin/bash", "-xc", "make");
  }

  @Test
  void envTakesBothFormsAndReplacesInPlace() {
    RunConfig config =
        apply("ENV PATH=/usr/bin A=1", "ENV GREETING hello  big world", "ENV PATH=/bin");

    assertThat(config.env()).containsExactly("PATH=/bin", "A=1", "GREETING=hello  big world");
  }

  @Test
  void envRemovesQuotesAndEscapesAndExpandsWithTheEarlierValues() {
    RunConfig config =
        apply(
            "ENV HOME=/root",
            "ENV A=\"a b\" B=x\\ y C='$HOME' D=$HOME/x E=${NOPE:-def} F=${HOME:+set} "
                + "G=\"q\\\"uote\" HOME=/home H=${HOME}");

    assertThat(config.env())
        .containsExactly(
            "HOME=/home",
            "A=a b",
            "B=x y",
            "C=$HOME",
            "D=/root/x",
            "E=def",
            "F=set",
            "G=q\"uote",
            "H=/root");
  }

  @Test
  void labelTakesBothFormsWithQuotes() {
    RunConfig config =
        apply("LABEL \"com.example.vendor\"=\"ACME Inc\" version=1.0", "LABEL description a b");

    assertThat(config.labels())
        .containsEntry("com.example.vendor", "ACME Inc")
        .containsEntry("version", "1.0")
        .containsEntry("description", "a b");
  }

  @Test
  void exposeDefaultsToTcpAndExpandsRanges() {
    RunConfig config = apply("EXPOSE 80 53/udp 7000-7001/SCTP", "EXPOSE 0.0.0.0:8080:80 443/tcp");

    assertThat(config.exposedPorts())
        .containsExactly("443/tcp", "53/udp", "7000/sctp", "7001/sctp", "80/tcp");
  }

  @Test
  void exposeExpandsVariablesIntoSeveralPorts() {
    assertThat(apply("ENV PORTS=\"1 2\"", "EXPOSE $PORTS").exposedPorts())
        .containsExactly("1/tcp", "2/tcp");
  }

  @Test
  void volumeTakesJsonOrASpaceList() {
    assertThat(apply("VOLUME [\"/data\", \"/var/log\"]", "VOLUME /a /b").volumes())
        .containsExactly("/a", "/b", "/data", "/var/log");
  }

  @Test
  void workdirJoinsRelativePathsToThePreviousOne() {
    assertThat(apply("WORKDIR /srv").workingDir()).isEqualTo("/srv");
    assertThat(apply("WORKDIR /srv", "WORKDIR app/./x/../y").workingDir()).isEqualTo("/srv/app/y");
    assertThat(apply("WORKDIR rel").workingDir()).isEqualTo("/rel");
    assertThat(apply("ENV D=/opt", "WORKDIR $D//bin/").workingDir()).isEqualTo("/opt/bin");
  }

  @Test
  void userOnBuildAndStopSignal() {
    RunConfig config =
        apply("USER 1000:1000", "ONBUILD RUN make", "onbuild COPY . /app", "STOPSIGNAL SIGQUIT");

    assertThat(config.user()).isEqualTo("1000:1000");
    assertThat(config.onBuild()).containsExactly("RUN make", "COPY . /app");
    assertThat(config.stopSignal()).isEqualTo("SIGQUIT");
    assertThat(apply("STOPSIGNAL 9").stopSignal()).isEqualTo("9");
    assertThat(apply("STOPSIGNAL rtmin+3").stopSignal()).isEqualTo("rtmin+3");
  }

  @Test
  void healthcheckTakesFlagsAndBothForms() {
    RunConfig config =
        apply(
            "HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=2s "
                + "--start-interval=1.5s --retries=4 CMD [\"/check\", \"-q\"]");

    assertThat(config.healthcheck())
        .isEqualTo(
            new Healthcheck(
                List.of("CMD", "/check", "-q"),
                Duration.ofSeconds(90),
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                Duration.ofMillis(1500),
                4));
    assertThat(apply("HEALTHCHECK CMD curl -f localhost").healthcheck().test())
        .containsExactly("CMD-SHELL", "curl -f localhost");
  }

  @Test
  void joinsContinuationLinesAndSkipsComments() {
    RunConfig config = apply("# a comment\nENV A=1 \\\n\n# inside\n  B=2", "", "LABEL x=y");

    assertThat(config.env()).containsExactly("A=1", "B=2");
    assertThat(config.labels()).containsEntry("x", "y");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "RUN echo hi",
        "FROM busybox",
        "COPY a b",
        "ADD a b",
        "ARG x",
        "SHELL [\"sh\"]",
        "MAINTAINER me",
        "bogus x"
      })
  void refusesInstructionsThatAreNotChangesInDockersWords(String change) {
    String instruction = change.split(" ")[0].toLowerCase();

    assertThatThrownBy(() -> apply(change))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(instruction + " is not a valid change command");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ENV a|ENV must have two arguments",
        "ENV a=b c|Syntax error - can't find = in \"c\". Must be of the form: name=value",
        "ENV =b|ENV names can not be blank",
        "LABEL|LABEL requires at least one argument",
        "USER|USER requires exactly one argument",
        "WORKDIR|WORKDIR requires exactly one argument",
        "EXPOSE|EXPOSE requires at least one argument",
        "EXPOSE 80/xyz|invalid proto: xyz",
        "EXPOSE http|invalid containerPort: http",
        "VOLUME|VOLUME requires at least one argument",
        "VOLUME [\"\"]|VOLUME specified can not be an empty string",
        "STOPSIGNAL FOO|Invalid signal: FOO",
        "STOPSIGNAL 0|Invalid signal: 0",
        "ONBUILD|ONBUILD requires at least one argument",
        "ONBUILD ONBUILD RUN x|Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
        "ONBUILD FROM x|FROM isn't allowed as an ONBUILD trigger",
        "CMD [1]|when using JSON array syntax, arrays must be comprised of strings only",
        "HEALTHCHECK|HEALTHCHECK requires at least one argument",
        "HEALTHCHECK NONE x|HEALTHCHECK NONE takes no arguments",
        "HEALTHCHECK CMD|Missing command after HEALTHCHECK CMD",
        "HEALTHCHECK RUN x|Unknown type \"RUN\" in HEALTHCHECK (try CMD)",
        "HEALTHCHECK --interval=1ns CMD x|Interval \"interval\" cannot be less than 1ms",
        "HEALTHCHECK --interval=soon CMD x|time: invalid duration \"soon\"",
        "HEALTHCHECK --retries=-1 CMD x|--retries cannot be negative (-1)",
        "HEALTHCHECK --every=1s CMD x|unknown flag: every",
        "USER --chown=1 me|unknown flag: chown",
        "ENV A=${B?unset}|B: unset",
        "ENV A=${B:?}|B: is not allowed to be unset",
        "ENV A=\"open|unexpected end of statement while looking for matching double-quote",
      })
  void refusesMalformedInstructionsInDockersWords(String change, String message) {
    assertThatThrownBy(() -> apply(change))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void checksEveryInstructionBeforeApplyingAny() {
    assertThatThrownBy(() -> apply("USER me", "RUN x"))
        .hasMessage("run is not a valid change command");
  }
}
