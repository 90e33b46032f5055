package io.berth.layer.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's {@code filepath.Match}, on cases from Go's own match_test.go. */
class GlobTest {

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "abc|abc|true",
        "*|abc|true",
        "*c|abc|true",
        "a*|a|true",
        "a*|abc|true",
        "a*|ab/c|false",
        "a*/b|abc/b|true",
        "a*/b|a/c/b|false",
        "a*b*c*d*e*/f|axbxcxdxe/f|true",
        "a*b*c*d*e*/f|axbxcxdxexxx/f|true",
        "a*b*c*d*e*/f|axbxcxdxe/xxx/f|false",
        "a*b?c*x|abxbbxdbxebxczzx|true",
        "a*b?c*x|abxbbxdbxebxczzy|false",
        "ab[c]|abc|true",
        "ab[b-d]|abc|true",
        "ab[e-g]|abc|false",
        "ab[^c]|abc|false",
        "ab[^b-d]|abc|false",
        "ab[^e-g]|abc|true",
        "a\\*b|a*b|true",
        "a\\*b|ab|false",
        "a?b|a☺b|true",
        "a[^a]b|a☺b|true",
        "a???b|a☺b|false",
        "*x|xxx|true",
        "[|a|false",
        "[]a]|]|false",
        "a[|a[|false",
        "*.sh|run.sh|true",
        "*.sh|.sh|true",
        "a?c|a/c|false",
      })
  void matchesAsGoDoes(String pattern, String name, boolean expected) {
    assertThat(Glob.matches(pattern, name)).isEqualTo(expected);
  }
}
