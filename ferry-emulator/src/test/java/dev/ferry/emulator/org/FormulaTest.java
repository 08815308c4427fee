package dev.ferry.emulator.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormulaTest {
  private static Object eval(String formula, Map<String, Object> fields) {
    return Formula.compile(formula).evaluate(fields::get);
  }

  @Test
  void arithmeticWithNullsAndDivisionByZero() {
    Map<String, Object> f = new HashMap<>();
    f.put("A", new BigDecimal("10"));
    f.put("B", new BigDecimal("4"));
    assertThat((BigDecimal) eval("A * (1 + B / 100)", f)).isEqualByComparingTo("10.4");
    assertThat((BigDecimal) eval("-A + B", f)).isEqualByComparingTo("-6");
    assertThat(eval("A / C", f)).isNull();
    f.put("C", BigDecimal.ZERO);
    assertThat(eval("A / C", f)).isNull();
  }

  @Test
  void textFunctions() {
    Map<String, Object> f = new HashMap<>();
    f.put("FirstName", null);
    f.put("LastName", "Smith");
    assertThat(eval("TRIM(FirstName & ' ' & LastName)", f)).isEqualTo("Smith");
    assertThat(eval("UPPER(LastName)", f)).isEqualTo("SMITH");
    assertThat(eval("BLANKVALUE(FirstName, 'n/a')", f)).isEqualTo("n/a");
    assertThat((BigDecimal) eval("ROUND(2.345, 2)", f)).isEqualByComparingTo("2.35");
    assertThat(Formula.compile("A + B * TRIM(C)").fieldNames()).containsExactly("A", "B", "C");
  }

  @Test
  void badFormulasNameTheProblem() {
    assertThatThrownBy(() -> Formula.compile("A +")).hasMessageContaining("unexpected end");
    assertThatThrownBy(() -> Formula.compile("FOO(A)"))
        .hasMessageContaining("unknown function FOO");
    assertThatThrownBy(() -> Formula.compile("'abc")).hasMessageContaining("unterminated");
  }
}
