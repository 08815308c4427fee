package dev.ferry.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.app.hc.InvalidDocumentException;
import dev.ferry.core.control.ConflictException;
import dev.ferry.core.control.NotFoundException;
import dev.ferry.core.error.ConfigException;
import dev.ferry.core.error.DatabaseUnavailableException;
import dev.ferry.core.error.SalesforceAuthException;
import dev.ferry.core.error.SalesforceError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status table of the one exception-to-HTTP mapping. */
class ErrorMapperTest {
  @Test
  void eachFamilyHasItsStatus() {
    assertThat(ErrorMapper.map(new ApiException(401, "Invalid API token")).status()).isEqualTo(401);
    assertThat(ErrorMapper.map(new InvalidDocumentException("bad")).status()).isEqualTo(400);
    assertThat(ErrorMapper.map(new NotFoundException("no mapping x")).status()).isEqualTo(404);
    assertThat(ErrorMapper.map(new ConflictException("not IDLE")).status()).isEqualTo(409);
    assertThat(ErrorMapper.map(new ConfigException("unknown field Foo")).status()).isEqualTo(422);
    assertThat(
            ErrorMapper.map(
                    new SalesforceAuthException(
                        new SalesforceError(
                            "invalid_grant", 400, "authentication failure", null, null)))
                .message())
        .isEqualTo(
            "Salesforce refused the credentials: invalid_grant: authentication failure (HTTP 400)");
    assertThat(
            ErrorMapper.map(
                    new DatabaseUnavailableException(
                        "list connections", "08006", "connection refused", new RuntimeException()))
                .status())
        .isEqualTo(503);
    assertThat(ErrorMapper.map(new IllegalStateException("bug")).status()).isEqualTo(500);
    assertThat(ErrorMapper.map(new IllegalStateException("secret detail")).message())
        .doesNotContain("secret detail");
  }

  @Test
  void severalProblemsAreListedAndCounted() {
    ErrorMapper.Mapped m = ErrorMapper.map(new ConfigException(List.of("a is wrong", "b too")));
    assertThat(m.message()).isEqualTo("2 problems: a is wrong; b too");
    assertThat(m.errors()).containsExactly("a is wrong", "b too");
    assertThat(ErrorMapper.map(new ConfigException("only one")).errors()).isEmpty();
  }
}
