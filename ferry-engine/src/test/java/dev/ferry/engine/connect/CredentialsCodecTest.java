package dev.ferry.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.control.SalesforceCredentials;
import dev.ferry.core.control.SalesforceCredentials.Flow;
import org.junit.jupiter.api.Test;

class CredentialsCodecTest {
  @Test
  void roundTripsEveryFieldIncludingMultiLineKeysAndOddCharacters() {
    SalesforceCredentials c =
        new SalesforceCredentials(
            "https://login.example.com",
            Flow.JWT_BEARER,
            "client=id:1",
            "s3cr#t!\\",
            "user@example.com",
            "pässwörd\n",
            null,
            "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",
            "62.0");
    assertThat(CredentialsCodec.decode(CredentialsCodec.encode(c))).isEqualTo(c);
  }

  @Test
  void absentOptionalFieldsStayAbsent() {
    SalesforceCredentials c =
        new SalesforceCredentials(
            "http://127.0.0.1:1", Flow.PASSWORD, "id", null, "u", "p", null, null, null);
    assertThat(CredentialsCodec.decode(CredentialsCodec.encode(c))).isEqualTo(c);
  }
}
