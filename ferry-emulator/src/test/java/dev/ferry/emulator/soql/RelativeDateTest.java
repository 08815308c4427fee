package dev.ferry.emulator.soql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ranges as [start, end) for today = Wednesday 2024-05-15; weeks start on Sunday. */
class RelativeDateTest {
  private static final LocalDate TODAY = LocalDate.of(2024, 5, 15);

  @ParameterizedTest
  @CsvSource({
    "YESTERDAY, 0, 2024-05-14, 2024-05-15",
    "TODAY, 0, 2024-05-15, 2024-05-16",
    "TOMORROW, 0, 2024-05-16, 2024-05-17",
    "LAST_WEEK, 0, 2024-05-05, 2024-05-12",
    "THIS_WEEK, 0, 2024-05-12, 2024-05-19",
    "NEXT_WEEK, 0, 2024-05-19, 2024-05-26",
    "LAST_MONTH, 0, 2024-04-01, 2024-05-01",
    "THIS_MONTH, 0, 2024-05-01, 2024-06-01",
    "NEXT_MONTH, 0, 2024-06-01, 2024-07-01",
    "LAST_90_DAYS, 0, 2024-02-15, 2024-05-16",
    "NEXT_90_DAYS, 0, 2024-05-16, 2024-08-14",
    "LAST_N_DAYS, 1, 2024-05-14, 2024-05-16",
    "LAST_N_DAYS, 30, 2024-04-15, 2024-05-16",
    "NEXT_N_DAYS, 1, 2024-05-16, 2024-05-17",
    "NEXT_N_DAYS, 0, 2024-05-16, 2024-05-16",
    "N_DAYS_AGO, 3, 2024-05-12, 2024-05-13",
    "LAST_N_WEEKS, 2, 2024-04-28, 2024-05-12",
    "NEXT_N_WEEKS, 1, 2024-05-19, 2024-05-26",
    "N_WEEKS_AGO, 1, 2024-05-05, 2024-05-12",
    "LAST_N_MONTHS, 2, 2024-03-01, 2024-05-01",
    "NEXT_N_MONTHS, 2, 2024-06-01, 2024-08-01",
    "N_MONTHS_AGO, 1, 2024-04-01, 2024-05-01",
    "THIS_QUARTER, 0, 2024-04-01, 2024-07-01",
    "LAST_QUARTER, 0, 2024-01-01, 2024-04-01",
    "NEXT_QUARTER, 0, 2024-07-01, 2024-10-01",
    "LAST_N_QUARTERS, 2, 2023-10-01, 2024-04-01",
    "NEXT_N_QUARTERS, 1, 2024-07-01, 2024-10-01",
    "N_QUARTERS_AGO, 1, 2024-01-01, 2024-04-01",
    "THIS_YEAR, 0, 2024-01-01, 2025-01-01",
    "LAST_YEAR, 0, 2023-01-01, 2024-01-01",
    "NEXT_YEAR, 0, 2025-01-01, 2026-01-01",
    "LAST_N_YEARS, 2, 2022-01-01, 2024-01-01",
    "NEXT_N_YEARS, 1, 2025-01-01, 2026-01-01",
    "N_YEARS_AGO, 1, 2023-01-01, 2024-01-01",
    "THIS_FISCAL_QUARTER, 0, 2024-04-01, 2024-07-01",
    "LAST_FISCAL_YEAR, 0, 2023-01-01, 2024-01-01",
    "NEXT_N_FISCAL_QUARTERS, 2, 2024-07-01, 2025-01-01",
    "N_FISCAL_YEARS_AGO, 2, 2022-01-01, 2023-01-01"
  })
  void computesRanges(String name, int n, LocalDate start, LocalDate end) {
    RelativeDate literal = RelativeDate.lookup(name.toLowerCase());
    assertThat(literal).isNotNull();
    assertThat(literal.range(TODAY, n)).isEqualTo(new RelativeDate.Range(start, end));
  }

  @ParameterizedTest
  @CsvSource({"2024-05-12", "2024-05-18"})
  void weeksRunSundayToSaturday(LocalDate today) {
    assertThat(RelativeDate.THIS_WEEK.range(today, 0).start()).isEqualTo(LocalDate.of(2024, 5, 12));
  }
}
