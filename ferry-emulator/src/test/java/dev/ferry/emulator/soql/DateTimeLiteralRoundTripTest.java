package dev.ferry.emulator.soql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Any instant written in any accepted literal form reads back as the same instant. */
class DateTimeLiteralRoundTripTest {
  static LongStream seeds() {
    return Seeds.seeds();
  }

  /** Writes the instant as a SOQL datetime literal in a random accepted form. */
  static String literal(Instant instant, int fractionDigits, Random random) {
    ZoneOffset offset;
    int form = random.nextInt(3);
    if (form == 0) {
      offset = ZoneOffset.UTC;
    } else {
      int hours = random.nextInt(15);
      int minutes = new int[] {0, 15, 30, 45}[random.nextInt(4)];
      int sign = random.nextBoolean() ? 1 : -1;
      offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }
    LocalDateTime local = LocalDateTime.ofInstant(instant, offset);
    StringBuilder text =
        new StringBuilder(local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
    if (fractionDigits > 0) {
      String nanos = String.format("%09d", local.getNano());
      text.append('.').append(nanos, 0, fractionDigits);
    }
    if (form == 0) {
      text.append(random.nextInt(5) == 0 ? "z" : "Z");
    } else {
      int total = offset.getTotalSeconds();
      char sign = total < 0 ? '-' : '+';
      int abs = Math.abs(total);
      String hh = String.format("%02d", abs / 3600);
      String mm = String.format("%02d", (abs % 3600) / 60);
      text.append(sign).append(hh).append(form == 1 ? ":" : "").append(mm);
    }
    return text.toString();
  }

  static Instant randomInstant(Random random, int fractionDigits) {
    long seconds =
        LocalDate.of(1900, 1, 1).toEpochDay() * 86_400
            + (long) (random.nextDouble() * 200 * 365.25 * 86_400);
    int unit = (int) Math.pow(10, 9 - fractionDigits);
    int nanos = fractionDigits == 0 ? 0 : random.nextInt(1_000_000_000 / unit) * unit;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void literalsReadBackAsTheSameInstant(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      int digits = random.nextInt(4) < 3 ? random.nextInt(4) : 4 + random.nextInt(6);
      Instant instant = randomInstant(random, digits);
      String text = literal(instant, digits, random);
      assertThat(DateTimeLiterals.parseDateTime(text))
          .as("%s: %s", Seeds.describe(seed), text)
          .isEqualTo(instant);
      LocalDate date = LocalDate.ofInstant(instant, ZoneOffset.UTC);
      assertThat(DateTimeLiterals.parseDate(date.toString())).isEqualTo(date);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void queriesFindExactlyTheInstantWritten(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 100; i++) {
      int digits = random.nextInt(4);
      Instant instant = randomInstant(random, Math.max(digits, 0));
      TestOrg org =
          new TestOrg()
              .object(new TestObject("Item__c", "a03").field("Stamp__c", SoqlType.DATETIME));
      TestRow hit = org.insert("Item__c", "Stamp__c", instant);
      org.insert("Item__c", "Stamp__c", instant.minusMillis(1));
      org.insert("Item__c", "Stamp__c", instant.plusMillis(1));
      String text = literal(instant, digits, random);
      assertThat(Rows.ids(org.query("SELECT Id FROM Item__c WHERE Stamp__c = " + text)))
          .as("%s: %s", Seeds.describe(seed), text)
          .containsExactly(hit.id());
      assertThat(org.query("SELECT Id FROM Item__c WHERE Stamp__c > " + text).size())
          .as("%s: %s", Seeds.describe(seed), text)
          .isEqualTo(1);
    }
  }
}
