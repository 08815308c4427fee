package dev.ferry.emulator.soql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LikePatternTest {
  static LongStream seeds() {
    return Seeds.seeds();
  }

  private static boolean like(String pattern, String value) {
    return LikePattern.compile(pattern).matches(value);
  }

  @Test
  void matchesWildcardsIgnoringCase() {
    assertThat(like("abc", "ABC")).isTrue();
    assertThat(like("abc", "abcd")).isFalse();
    assertThat(like("a%", "a")).isTrue();
    assertThat(like("a%", "Abcdef")).isTrue();
    assertThat(like("%f", "abcdef")).isTrue();
    assertThat(like("%c%", "abcdef")).isTrue();
    assertThat(like("%x%", "abcdef")).isFalse();
    assertThat(like("a_c", "aXc")).isTrue();
    assertThat(like("a_c", "ac")).isFalse();
    assertThat(like("%", "")).isTrue();
    assertThat(like("", "")).isTrue();
    assertThat(like("_", "")).isFalse();
    assertThat(like("%a%a%", "banana")).isTrue();
    assertThat(like("%ana", "banana")).isTrue();
    assertThat(like("b%na%a", "banana")).isTrue();
    assertThat(like("b%nn%a", "banana")).isFalse();
    assertThat(like("ab%ba", "aba")).isFalse();
    assertThat(like("ÉCOLE%", "école normale")).isTrue();
  }

  @Test
  void escapesMakeWildcardsLiteral() {
    assertThat(like("50\\%", "50%")).isTrue();
    assertThat(like("50\\%", "500")).isFalse();
    assertThat(like("a\\_b", "a_b")).isTrue();
    assertThat(like("a\\_b", "axb")).isFalse();
    assertThat(like("a\\\\b", "a\\b")).isTrue();
    assertThat(like("%\\%%", "100% sure")).isTrue();
  }

  /** The reference: the same pattern as a java.util.regex expression. */
  private static boolean reference(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length())
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      else if (c == '%') regex.append(".*");
      else if (c == '_') regex.append('.');
      else regex.append(Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(
            regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
        .matcher(value)
        .matches();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void agreesWithARegexReference(long seed) {
    Random random = new Random(seed);
    String[] patternParts = {"a", "b", "A", "%", "_", "\\%", "\\_", "\\\\", "ab", "%a"};
    String[] valueParts = {"a", "b", "A", "B", "%", "_", "\\", "ba"};
    for (int i = 0; i < 20_000; i++) {
      StringBuilder pattern = new StringBuilder();
      for (int n = random.nextInt(6); n > 0; n--)
        pattern.append(patternParts[random.nextInt(patternParts.length)]);
      StringBuilder value = new StringBuilder();
      for (int n = random.nextInt(8); n > 0; n--)
        value.append(valueParts[random.nextInt(valueParts.length)]);
      assertThat(like(pattern.toString(), value.toString()))
          .as("%s: '%s' LIKE '%s'", Seeds.describe(seed), value, pattern)
          .isEqualTo(reference(pattern.toString(), value.toString()));
    }
  }
}
