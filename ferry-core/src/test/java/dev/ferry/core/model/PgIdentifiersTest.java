package dev.ferry.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PgIdentifiersTest {

  @Test
  void quotesEverythingAndDoublesEmbeddedQuotes() {
    assertThat(PgIdentifiers.quote("user")).isEqualTo("\"user\"");
    assertThat(PgIdentifiers.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(PgIdentifiers.quote("my table")).isEqualTo("\"my table\"");
    assertThat(PgIdentifiers.qualified("sales force", "order"))
        .isEqualTo("\"sales force\".\"order\"");
  }

  @Test
  void refusesNamesPostgresWouldTruncateOrCannotHold() {
    assertThatThrownBy(() -> PgIdentifiers.quote("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> PgIdentifiers.quote("a\0b")).hasMessageContaining("NUL");
    assertThatThrownBy(() -> PgIdentifiers.quote("x".repeat(64))).hasMessageContaining("64 bytes");
    assertThat(PgIdentifiers.quote("x".repeat(63))).hasSize(65);
  }

  @Test
  void fittedNamesStayDistinctAndWithinTheLimit() {
    String a = "hcu_idx_" + "a".repeat(43) + "_" + "external_identifier_one__c";
    String b = "hcu_idx_" + "a".repeat(43) + "_" + "external_identifier_two__c";
    String fa = PgIdentifiers.fitted(a);
    String fb = PgIdentifiers.fitted(b);
    assertThat(fa.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
    assertThat(fa).isNotEqualTo(fb).startsWith("hcu_idx_aaa");
    assertThat(PgIdentifiers.fitted("hc_idx_contact_email")).isEqualTo("hc_idx_contact_email");
    assertThat(PgIdentifiers.fitted("é".repeat(40)).getBytes(StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(63);
  }
}
