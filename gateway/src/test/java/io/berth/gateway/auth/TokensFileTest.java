package io.berth.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensFileTest {

  @TempDir Path dir;

  static String hash(String token) {
    return HexFormat.of().formatHex(TokensFile.sha256(token));
  }

  @Test
  void readsPrincipalsRolesAndHashesSkippingCommentsAndBadLines() {
    List<TokenGrant> grants =
        TokensFile.parse(
            List.of(
                "# principal role sha256",
                "",
                "alice admin " + hash("a-token"),
                "  ci-bot@build   READER\t" + hash("r-token") + "  ",
                "bob admin",
                "carol owner " + hash("c"),
                "dave reader " + hash("d").toUpperCase(),
                "anonymous admin " + hash("x"),
                "eve reader " + hash("e") + " extra"),
            dir.resolve("tokens"));
    assertThat(grants)
        .containsExactly(
            new TokenGrant("alice", Role.ADMIN, hash("a-token")),
            new TokenGrant("ci-bot@build", Role.READER, hash("r-token")));
  }

  @Test
  void aBadLineSaysWhatIsWrong() {
    assertThatThrownBy(() -> TokensFile.parseLine("bob admin"))
        .hasMessageContaining("expected '<principal> <reader|admin> <sha256 of the token>'");
    assertThatThrownBy(() -> TokensFile.parseLine("carol owner " + hash("c")))
        .hasMessageContaining("unknown role 'owner'");
    assertThatThrownBy(() -> TokensFile.parseLine("dave reader not-a-hash"))
        .hasMessageContaining("bad token hash for dave");
    assertThatThrownBy(() -> TokensFile.parseLine("unauthenticated admin " + hash("u")))
        .hasMessageContaining("reserved");
  }

  @Test
  void matchesATokenByItsSha256Only() throws Exception {
    Path file = dir.resolve("tokens");
    Files.writeString(
        file, "alice admin " + hash("a-token") + "\nreader1 reader " + hash("r-token") + "\n");
    TokensFile tokens = new TokensFile(file, new MutableClock());

    assertThat(tokens.match("a-token")).map(TokenGrant::principal).contains("alice");
    assertThat(tokens.match("r-token")).map(TokenGrant::role).contains(Role.READER);
    assertThat(tokens.match("a-token ")).isEmpty();
    assertThat(tokens.match(hash("a-token"))).as("the hash itself is no token").isEmpty();
    assertThat(tokens.match("")).isEmpty();
  }

  @Test
  void rereadsTheFileWhenItChangesAtMostOncePerRecheck() throws Exception {
    Path file = dir.resolve("tokens");
    MutableClock clock = new MutableClock();
    TokensFile tokens = new TokensFile(file, clock);
    assertThat(tokens.match("new-token")).as("no file: nothing granted").isEmpty();

    Files.writeString(file, "newcomer admin " + hash("new-token") + "\n");
    assertThat(tokens.match("new-token")).as("not looked at again yet").isEmpty();
    clock.advance(TokensFile.RECHECK);
    assertThat(tokens.match("new-token")).map(TokenGrant::principal).contains("newcomer");

    Files.writeString(
        file, "other reader " + hash("other-token") + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    clock.advance(TokensFile.RECHECK);
    assertThat(tokens.match("new-token")).as("revoked").isEmpty();
    assertThat(tokens.match("other-token")).map(TokenGrant::principal).contains("other");

    Files.delete(file);
    clock.advance(TokensFile.RECHECK);
    assertThat(tokens.match("other-token")).as("file removed").isEmpty();
  }
}
