package dev.ferry.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class SfIdTest {
  @Test
  void knownIdsFromSalesforceDocsHaveTheirChecksums() {
    // 18-char ids as Salesforce returns them (REST docs examples)
    assertThat(SfId.valueOf("001D000000IRFma").asString()).isEqualTo("001D000000IRFmaIAH");
    assertThat(SfId.valueOf("00550000001fg5O").asString()).isEqualTo("00550000001fg5OAAQ");
  }

  @Test
  void fifteenAndEighteenCharFormsAreEqual() {
    assertThat(SfId.valueOf("001D000000IRFma")).isEqualTo(SfId.valueOf("001D000000IRFmaIAH"));
    // 18-character ids are case-insensitive: the suffix restores the case
    assertThat(SfId.valueOf("001d000000irfmaiah")).isEqualTo(SfId.valueOf("001D000000IRFmaIAH"));
    // 15-character ids are case-sensitive
    assertThat(SfId.valueOf("001d000000irfma")).isNotEqualTo(SfId.valueOf("001D000000IRFma"));
  }

  @Test
  void rejectsBadLengthCharactersAndChecksum() {
    assertThatThrownBy(() -> SfId.valueOf("001")).hasMessageContaining("15 or 18");
    assertThatThrownBy(() -> SfId.valueOf("001D000000IRF-a"))
        .hasMessageContaining("non-alphanumeric");
    assertThatThrownBy(() -> SfId.valueOf("001D000000IRFma999")).hasMessageContaining("checksum");
    // a suffix that marks a digit as upper case cannot come from a real id
    assertThatThrownBy(() -> SfId.valueOf("001D000000IRFmaJAH")).hasMessageContaining("checksum");
  }

  @RepeatedTest(20)
  void checksumRoundTripsForRandomIds() {
    long seed = Long.getLong("ferry.seed", System.nanoTime());
    RandomGenerator r =
        java.util.random.RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom")
            .create(seed);
    String alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    StringBuilder id15 = new StringBuilder();
    for (int i = 0; i < 15; i++) id15.append(alphabet.charAt(r.nextInt(alphabet.length())));
    SfId id = SfId.valueOf(id15.toString());
    assertThat(SfId.valueOf(id.asString())).as("seed %d", seed).isEqualTo(id);
    String lowerSuffix = id.as15() + id.asString().substring(15).toLowerCase();
    assertThat(SfId.valueOf(lowerSuffix))
        .as("checksum is case-insensitive, seed %d", seed)
        .isEqualTo(id);
  }
}
