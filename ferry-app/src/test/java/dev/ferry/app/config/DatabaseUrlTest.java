package dev.ferry.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
  @Test
  void herokuStyleUrlBecomesJdbcWithCredentialsApart() {
    DatabaseUrl u =
        DatabaseUrl.parse(
            "postgres://u5er:p%40ss%2Fw0rd@db.example.com:6543/app_db?sslmode=require");
    assertThat(u.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example.com:6543/app_db?sslmode=require");
    assertThat(u.user()).isEqualTo("u5er");
    assertThat(u.password()).isEqualTo("p@ss/w0rd");
    assertThat(u.display()).isEqualTo("db.example.com:6543/app_db");
    assertThat(u.toString()).doesNotContain("p@ss").doesNotContain("w0rd");
  }

  @Test
  void postgresqlSchemeAndDefaultPort() {
    DatabaseUrl u = DatabaseUrl.parse("postgresql://localhost/ferry");
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/ferry");
    assertThat(u.user()).isNull();
    assertThat(u.password()).isNull();
  }

  @Test
  void jdbcUrlPassesThroughAndHidesItsPassword() {
    DatabaseUrl u =
        DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=hunter2");
    assertThat(u.jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=hunter2");
    assertThat(u.display()).isEqualTo("127.0.0.1:5432/test");
    assertThat(u.toString()).doesNotContain("hunter2");
  }

  @Test
  void badUrlsSayWhatIsExpectedWithoutEchoingTheInput() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:s3cret@h/db"))
        .hasMessageContaining("postgres://user:password@host:5432/database")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://root:s3cret@h"))
        .hasMessageContaining("naming the database")
        .hasMessageNotContaining("s3cret");
  }
}
