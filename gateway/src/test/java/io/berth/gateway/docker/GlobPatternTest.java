package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cases from Go's {@code path.Match} documentation and tests. */
class GlobPatternTest {

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "abc, abc, true",
    "*, abc, true",
    "*c, abc, true",
    "a*, a, true",
    "a*, abc, true",
    "a*, ab/c, false",
    "a*/b, abc/b, true",
    "a*/b, a/c/b, false",
    "a*b*c*d*e*/f, axbxcxdxe/f, true",
    "a*b?c*x, abxbbxdbxebxczzx, true",
    "a*b?c*x, abxbbxdbxebxczzy, false",
    "ab[c], abc, true",
    "ab[b-d], abc, true",
    "ab[e-g], abc, false",
    "ab[^c], abc, false",
    "ab[^b-d], abc, false",
    "ab[^e-g], abc, true",
    "a\\*b, a*b, true",
    "a\\*b, ab, false",
    "a?b, a☺b, true",
    "a[^a]b, a☺b, true",
    "a???b, a☺b, false",
    "*x, xxx, true",
    "busybox, busybox, true",
    "busybox:*, busybox:1.36, true",
    "*/app:*, team/app:1.0, true",
    "*:1.*, busybox:1.36, true",
    "docker.io/library/*, docker.io/library/busybox, true",
    "a[z-a]c, abc, false",
    "a[^z-a]c, abc, true",
    "a[^b]c, a/c, true",
  })
  void matchesAsGoPathMatchDoes(String pattern, String name, boolean matches) {
    assertThat(GlobPattern.compile(pattern).matches(name)).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[", "[^", "[^bc", "a[", "a\\", "[]a]", "[-]", "[x-]", "[a-b-c]"})
  void aMalformedPatternIsASyntaxError(String pattern) {
    assertThatThrownBy(() -> GlobPattern.compile(pattern)).hasMessage("syntax error in pattern");
  }
}
