package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.launcher.CliCommand.Verb;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliCommandTest {

  private static CliCommand parse(String line) {
    return CliCommand.parse(line.isBlank() ? List.of() : List.of(line.split(" ")));
  }

  @ParameterizedTest
  @CsvSource({
    "up,UP",
    "start,UP",
    "down,DOWN",
    "stop,DOWN",
    "status,STATUS",
    "help,HELP",
    "--help,HELP"
  })
  void parsesVerbs(String word, Verb verb) {
    assertThat(parse(word).verb()).isEqualTo(verb);
  }

  @Test
  void noArgumentsMeansHelp() {
    assertThat(parse("").verb()).isEqualTo(Verb.HELP);
  }

  @ParameterizedTest
  @CsvSource({
    "restart gateway,gateway",
    "restart image-service,image-service",
    "restart image,image-service",
    "restart container,container-service",
    "restart LAYER_SERVICE,layer-service"
  })
  void restartTakesOneServiceByNameOrShortName(String line, String service) {
    CliCommand command = parse(line);
    assertThat(command.verb()).isEqualTo(Verb.RESTART);
    assertThat(command.target()).contains(service);
  }

  @Test
  void restartNeedsExactlyOneKnownService() {
    assertThatThrownBy(() -> parse("restart")).hasMessageContaining("usage: berth restart");
    assertThatThrownBy(() -> parse("restart gateway layer")).hasMessageContaining("usage");
    assertThatThrownBy(() -> parse("restart kafka"))
        .hasMessageContaining("unknown service 'kafka'");
  }

  @Test
  void logsDefaultsToAllComponentsAndAHundredLines() {
    CliCommand command = parse("logs");
    assertThat(command.verb()).isEqualTo(Verb.LOGS);
    assertThat(command.target()).isEmpty();
    assertThat(command.follow()).isFalse();
    assertThat(command.lines()).isEqualTo(100);
  }

  @Test
  void logsOptions() {
    assertThat(parse("logs -f gateway"))
        .isEqualTo(new CliCommand(Verb.LOGS, Optional.of("gateway"), true, 100));
    assertThat(parse("logs layer -n 5"))
        .isEqualTo(new CliCommand(Verb.LOGS, Optional.of("layer-service"), false, 5));
    assertThat(parse("logs -n20 kafka --follow"))
        .isEqualTo(new CliCommand(Verb.LOGS, Optional.of("kafka"), true, 20));
    assertThat(parse("logs --tail 0 supervisor").lines()).isZero();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> parse("launch")).hasMessageContaining("unknown command 'launch'");
    assertThatThrownBy(() -> parse("up now")).hasMessageContaining("takes no arguments");
    assertThatThrownBy(() -> parse("logs -x")).hasMessageContaining("unknown option '-x'");
    assertThatThrownBy(() -> parse("logs -n")).hasMessageContaining("needs a number");
    assertThatThrownBy(() -> parse("logs -n many")).hasMessageContaining("not a line count");
    assertThatThrownBy(() -> parse("logs gateway kafka")).hasMessageContaining("one name");
    assertThatThrownBy(() -> parse("logs nginx")).hasMessageContaining("unknown service 'nginx'");
  }
}
