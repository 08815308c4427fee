package dev.ferry.emulator.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {
  @Test
  void idsAreValidMixedCaseMonotonicAndDeterministic() {
    IdGenerator a = new IdGenerator(42);
    IdGenerator b = new IdGenerator(42);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      String id = a.next("003");
      assertThat(b.next("003")).isEqualTo(id);
      assertThat(id).hasSize(18).startsWith("0038d0");
      assertThat(SfIds.normalize(id)).isEqualTo(id);
      ids.add(id);
    }
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    assertThat(String.join("", ids)).containsPattern("[a-z]").containsPattern("[A-Z]");
  }

  @Test
  void seedsAndPrefixesGiveDifferentIds() {
    assertThat(new IdGenerator(1).next("001")).isNotEqualTo(new IdGenerator(2).next("001"));
    IdGenerator g = new IdGenerator(7);
    assertThat(g.next("001")).startsWith("001");
    assertThat(g.next("a01")).startsWith("a01");
  }

  @Test
  void resetStartsOver() {
    IdGenerator g = new IdGenerator(5);
    String first = g.next("001");
    g.next("001");
    g.reset();
    assertThat(g.next("001")).isEqualTo(first);
  }
}
