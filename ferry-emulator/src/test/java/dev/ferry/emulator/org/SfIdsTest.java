package dev.ferry.emulator.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SfIdsTest {
  @Test
  void checksumMatchesKnownIds() {
    // Ids from Salesforce documentation and real responses (15 → 18).
    assertThat(SfIds.normalize("001D000000IRFma")).isEqualTo("001D000000IRFmaIAH");
    assertThat(SfIds.normalize("00D50000000IZ3Z")).isEqualTo("00D50000000IZ3ZEAW");
    assertThat(SfIds.normalize("00550000001fg5O")).isEqualTo("00550000001fg5OAAQ");
  }

  @Test
  void eighteenCharIdsAreCaseInsensitiveInTheChecksumOnly() {
    assertThat(SfIds.normalize("001D000000IRFmaiah")).isEqualTo("001D000000IRFmaIAH");
    assertThat(SfIds.normalize("001D000000IRFmaXXX")).isNull();
    assertThat(SfIds.normalize("001D000000IRFm")).isNull();
    assertThat(SfIds.normalize("001D000000IRFm-")).isNull();
    assertThat(SfIds.normalize(null)).isNull();
  }

  @Test
  void randomIdsRoundTrip() {
    long seed = Seeds.seed();
    SplittableRandom r = Seeds.random(seed);
    for (int i = 0; i < 10_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < 15; j++) {
        sb.append(SfIds.BASE62.charAt(r.nextInt(62)));
      }
      String id15 = sb.toString();
      String id18 = SfIds.normalize(id15);
      assertThat(id18).as("seed %d, id %s", seed, id15).hasSize(18).startsWith(id15);
      assertThat(SfIds.normalize(id18)).as("seed %d", seed).isEqualTo(id18);
      assertThat(SfIds.normalize(id15 + id18.substring(15).toLowerCase()))
          .as("seed %d", seed)
          .isEqualTo(id18);
      // the checksum tells apart ids that differ only in case
      String flipped = flipFirstLetter(id15);
      if (!flipped.equals(id15)) {
        assertThat(SfIds.normalize(flipped)).as("seed %d", seed).isNotEqualTo(id18);
      }
    }
  }

  private static String flipFirstLetter(String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      if (Character.isLetter(c[i])) {
        c[i] =
            Character.isUpperCase(c[i]) ? Character.toLowerCase(c[i]) : Character.toUpperCase(c[i]);
        break;
      }
    }
    return new String(c);
  }
}
