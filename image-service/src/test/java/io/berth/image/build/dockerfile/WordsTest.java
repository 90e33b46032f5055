package io.berth.image.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Docker's word processing. Most expectations come from moby/buildkit
 * frontend/dockerfile/shell/envVarTest and wordsTest (with PWD=/home, SHELL=bash, NULL empty) and
 * lex_test.go's pattern cases.
 */
class WordsTest {

  private static final Map<String, String> ENV =
      Map.of("PWD", "/home", "SHELL", "bash", "NULL", "", "KOREAN", "한국어");
  private final Words words = new Words('\\');

  private String expand(String word) {
    return words.expand(word, ENV);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = 0,
      emptyValue = "",
      value = {
        "hello|hello",
        "he'll'o|hello",
        "he\\'llo|he'llo",
        "abc\\tdef|abctdef",
        "\"abc\\tdef\"|abc\\tdef",
        "\"abc\\\\tdef\"|abc\\tdef",
        "'abc\\tdef'|abc\\tdef",
        "hello\\|hello",
        "hello\\\\|hello\\",
        "\"hel'lo\"|hel'lo",
        "'hello\\'|hello\\",
        "'hello\\\\there'|hello\\\\there",
        "\"''\"|''",
        "$.|$.",
        "he$1x|hex",
        "he$.x|he$.x",
        "he$pwd.|he.",
        "he$PWD|he/home",
        "he\\$PWD|he$PWD",
        "he\\\\$PWD|he\\/home",
        "\"he\\$PWD\"|he$PWD",
        "\"he\\\\$PWD\"|he\\/home",
        "\\${}|${}",
        "he\\${}xx|he${}xx",
        "he${hi}xx|hexx",
        "he${PWD}|he/home",
        "he${XXX:-000}xx|he000xx",
        "he${PWD:-000}xx|he/homexx",
        "he${XXX:-$PWD}xx|he/homexx",
        "he${XXX:-${PWD:-yyy}}xx|he/homexx",
        "he${XXX:-${YYY:-yyy}}xx|heyyyxx",
        "he${PWD?}|he/home",
        "he${PWD:?}|he/home",
        "he${NULL?}|he",
        "he${XXX:+${PWD}}xx|hexx",
        "he${PWD:+${XXX}}xx|hexx",
        "he${PWD:+${SHELL}}xx|hebashxx",
        "he${XXX:+000}xx|hexx",
        "he${PWD:+000}xx|he000xx",
        "'he${XX}'|he${XX}",
        "\"he${PWD}\"|he/home",
        "\"he'$PWD'\"|he'/home'",
        "'$PWD'|$PWD",
        "'\\$PWD'|\\$PWD",
        "'\"hello\"'|\"hello\"",
        "he${PWD:+${PWD}:}xx|he/home:xx",
        "he${XXX:-\\$PWD:}xx|he$PWD:xx",
        "he${XXX:-\\${PWD}z}xx|he${PWDz}xx",
        "안녕$KOREAN|안녕한국어",
        "안'녕'하세요|안녕하세요",
        "${aaa}}|}",
        "${aaa:-bbb}}|bbb}",
        "${aaa:-bbb {foo}|bbb {foo",
        "${1:-bbb}|bbb",
        "$999aaa|aaa",
        "$@@@|@@",
        "${#:-bbb}|bbb",
        "$$|",
        "${NULL-set}|",
        "${NULL:-empty}|empty",
        "${NULL+set}|set",
        "${NULL:+set}|",
        "${XXX-unset}|unset",
        "${XXX+set}|",
      })
  void expandsAsProcessWordDoes(String word, String expected) {
    assertThat(expand(word)).isEqualTo(expected == null ? "" : expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = 0,
      value = {
        "he'llo|unexpected end of statement while looking for matching single-quote",
        "he\\\\'llo|unexpected end of statement while looking for matching single-quote",
        "\"hello|unexpected end of statement while looking for matching double-quote",
        "\"hello\\\"|unexpected end of statement while looking for matching double-quote",
        "${}|syntax error: bad substitution",
        "he${}xx|syntax error: bad substitution",
        "${:}|syntax error: bad substitution",
        "${{aaa}|syntax error: bad substitution",
        "he${.}|unsupported modifier (.) in substitution",
        "he${XXX:YYY}|unsupported modifier (:Y) in substitution",
        "he${PWD:=000}xx|unsupported modifier (:=) in substitution",
        "he${XXX?}|XXX: is not allowed to be unset",
        "he${XXX:?}|XXX: is not allowed to be unset",
        "he${NULL:?}|NULL: is not allowed to be empty",
        "${NULL:?must be set}|NULL: must be set",
        "he${PWD|syntax error: missing '}'",
        "${aaa:-bbb|syntax error: missing '}'",
        "${aaa:-bbb ${foo}|syntax error: missing '}'",
        "${FOO:#x}|unsupported modifier (:#) in substitution",
      })
  void refusesAsProcessWordDoes(String word, String reason) {
    assertThatThrownBy(() -> expand(word))
        .isInstanceOf(DockerfileException.class)
        .hasMessage("failed to process " + GoText.quote(word) + ": " + reason);
  }

  @Test
  void trimsPrefixesAndSuffixesWithShellPatterns() {
    // lex_test.go TestShellParser* pattern cases
    Map<String, String> env = Map.of("FOO", "xxyy", "BAR", "x");
    assertThat(words.expand("${FOO#*x*y}", env)).isEqualTo("y");
    assertThat(words.expand("${FOO#*}", env)).isEqualTo("xxyy");
    assertThat(words.expand("${FOO#$BAR}", env)).isEqualTo("xyy");
    assertThat(words.expand("${FOO##*x}", env)).isEqualTo("yy");
    assertThat(words.expand("${FOO#}", env)).isEqualTo("xxyy");
    assertThat(words.expand("${FOO%y}", env)).isEqualTo("xxy");
    assertThat(words.expand("${FOO%%y*}", env)).isEqualTo("xx");
    assertThat(words.expand("${FOO%x}", env)).isEqualTo("xxyy");
    assertThat(words.expand("${FOO%%\\**}", Map.of("FOO", "xx**"))).isEqualTo("xx");
    assertThat(words.expand("${FOO#?\\?}", Map.of("FOO", "???y"))).isEqualTo("?y");
    assertThat(words.expand("${FOO%%\\**\\*}", Map.of("FOO", "a***yy*"))).isEqualTo("a");
    assertThat(words.expand("${FOO#()[]{\\}^$.\\*\\?|\\\\}", Map.of("FOO", "()[]{}^$.*?|\\x")))
        .isEqualTo("x");
    assertThat(words.expand("${VERSION%.*}", Map.of("VERSION", "1.22.3"))).isEqualTo("1.22");
    assertThat(words.expand("${VERSION%%.*}", Map.of("VERSION", "1.22.3"))).isEqualTo("1");
  }

  @Test
  void replacesWithShellPatterns() {
    assertThat(
            words.expand(
                "${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}",
                Map.of("FOO", "/foo*/*/*.txt", "NEEDLE", "\\*/")))
        .isEqualTo("/foo.*/*.txt - /foo..*.txt");
    assertThat(
            words.expand(
                "${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}",
                Map.of("FOO", "/tmp/tmp/bar.txt", "NEEDLE", "/tmp")))
        .isEqualTo("/tmp/bar.txt - /bar.txt");
    assertThat(
            words.expand(
                "${FOO/$NEEDLE/$R}",
                Map.of("FOO", "http://google.de", "NEEDLE", "http://", "R", "https://")))
        .isEqualTo("https://google.de");
    assertThat(words.expand("${FOO//\\//\\/}", Map.of("FOO", "/tmp/foo.txt")))
        .isEqualTo("\\/tmp\\/foo.txt");
    assertThat(words.expand("${FOO///}", Map.of("FOO", "xxyy"))).isEqualTo("xxyy");
    assertThat(words.expand("${FOO/y/$}", Map.of("FOO", "xy"))).isEqualTo("x$");
    assertThatThrownBy(() -> words.expand("${FOO//ww}", Map.of("FOO", "xxyy")))
        .hasMessageContaining("syntax error: missing '/' in ${}");
  }

  @Test
  void anUnsetVariableIsEmpty() {
    assertThat(words.expand("a${X}b$Y", Map.of())).isEqualTo("ab");
  }

  @Test
  void theBacktickEscapeLeavesBackslashesAlone() {
    Words windows = new Words('`');
    assertThat(windows.expand("c:\\dir\\$X", Map.of("X", "y"))).isEqualTo("c:\\dir\\y");
    assertThat(windows.expand("`$X", Map.of("X", "y"))).isEqualTo("$X");
    assertThat(windows.expand("\"a`\"b\"", Map.of())).isEqualTo("a\"b");
    assertThat(windows.expand("\"a\\\"", Map.of())).isEqualTo("a\\");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = 0,
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "hello|hello",
        "hello${hi}bye|hellobye",
        "hello${space}bye|helloabc,defbye",
        "hello\"${space}\"bye|helloabc  defbye",
        "hello \"${space}\"bye|hello,abc  defbye",
        "hello${leading}def|hello,ab,cdef",
        "hello\"${leading}\" def|hello  ab c,def",
        "hello${leading}|hello,ab,c",
        "hello${trailing}|helloab,c",
        "hello${trailing}d|helloab,c,d",
        "hello\" there  \"|hello there  ",
        "hello there     |hello,there",
        "hello\\ there|hello there",
        "hello\\\" there|hello\",there",
        "hello\"\\\\there\"|hello\\there",
        "hello'\\\\there'|hello\\\\there",
        "hello'$there'|hello$there",
        "a \"\" b|a,b",
        "80 443/udp|80,443/udp",
      })
  void splitsWordsAsProcessWordsDoes(String text, String expected) {
    // wordsTest: the expected words are joined with commas
    Map<String, String> env =
        Map.of("space", "abc  def", "leading", "  ab c", "trailing", "ab c   ");
    assertThat(String.join(",", words.expandWords(text, env))).isEqualTo(expected);
  }

  @Test
  void splittingKeepsTheTextBeforeADefault() {
    // lex.go since 2024 loses "80" here (a shared buffer); Docker before, and this, keep it
    assertThat(words.expandWords("80${X:-80}", Map.of())).containsExactly("8080");
  }

  @Test
  void anEmptyWordHasNoWords() {
    assertThat(words.expandWords("   ", Map.of())).isEmpty();
    assertThat(words.expandWords("$EMPTY", Map.of("EMPTY", ""))).isEmpty();
  }

  @Test
  void heredocMarkersKeepTheirSpacing() {
    assertThat(words.expandWords("cat << EOF", Map.of())).containsExactly("cat", "<< EOF");
    assertThat(words.expand("a<b", Map.of())).isEqualTo("a<b");
  }

  @Test
  void unicodeNamesAreVariableNames() {
    assertThat(words.expand("$é!", Map.of("é", "e"))).isEqualTo("e!");
  }

  @Test
  void refusesAnInvalidPatternEscape() {
    assertThatThrownBy(() -> words.expand("${FOO#\\x}", Map.of("FOO", "a")))
        .hasMessage(
            "failed to process \"${FOO#\\\\x}\": invalid pattern (\\x) in substitution: invalid"
                + " escape '\\x'");
  }
}
