package dev.ferry.salesforce.contract;

import dev.ferry.salesforce.SalesforceConfig;
import dev.ferry.salesforce.auth.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The contract against a real org, only when {@code FERRY_SF_*} credentials are set:
 *
 * <ul>
 *   <li>{@code FERRY_SF_USERNAME}, {@code FERRY_SF_CLIENT_ID} (connected app consumer key);
 *   <li>either {@code FERRY_SF_JWT_KEY_FILE} (PEM private key, JWT bearer flow) or {@code
 *       FERRY_SF_CLIENT_SECRET} and {@code FERRY_SF_PASSWORD} (password + security token);
 *   <li>optional {@code FERRY_SF_LOGIN_URL} (default login.salesforce.com), {@code
 *       FERRY_SF_API_VERSION}, {@code FERRY_SF_ACCOUNT_EXTERNAL_ID} (default External_Id__c).
 * </ul>
 *
 * Use a scratch org or a developer sandbox: the tests create and delete Accounts and Contacts.
 */
@EnabledIfEnvironmentVariable(named = "FERRY_SF_USERNAME", matches = ".+")
class RealOrgSalesforceApiTest extends SalesforceApiContract {

  @Override
  protected SalesforceConfig.Builder settings() {
    return SalesforceConfig.builder()
        .loginUrl(env("FERRY_SF_LOGIN_URL", SalesforceConfig.DEFAULT_LOGIN_URL.toString()))
        .apiVersion(env("FERRY_SF_API_VERSION", SalesforceConfig.DEFAULT_API_VERSION))
        .credentials(credentials())
        .queryBatchSize(200)
        .jobPollInitial(Duration.ofSeconds(2))
        .jobPollMax(Duration.ofSeconds(10));
  }

  @Override
  protected Credentials wrongCredentials() {
    return new Credentials.UsernamePassword(
        required("FERRY_SF_CLIENT_ID"),
        env("FERRY_SF_CLIENT_SECRET", "not-the-secret"),
        required("FERRY_SF_USERNAME"),
        "certainly-not-the-password");
  }

  @Override
  protected String accountExternalId() {
    return env("FERRY_SF_ACCOUNT_EXTERNAL_ID", "External_Id__c");
  }

  private static Credentials credentials() {
    String keyFile = System.getenv("FERRY_SF_JWT_KEY_FILE");
    if (keyFile != null && !keyFile.isBlank()) {
      try {
        return Credentials.JwtBearer.fromPem(
            required("FERRY_SF_CLIENT_ID"),
            required("FERRY_SF_USERNAME"),
            Files.readString(Path.of(keyFile)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Credentials.UsernamePassword(
        required("FERRY_SF_CLIENT_ID"),
        required("FERRY_SF_CLIENT_SECRET"),
        required("FERRY_SF_USERNAME"),
        required("FERRY_SF_PASSWORD"));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static String required(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(name + " must be set to run the contract against a real org");
    }
    return v;
  }
}
