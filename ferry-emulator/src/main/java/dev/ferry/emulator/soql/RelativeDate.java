package dev.ferry.emulator.soql;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The relative date literals ({@code TODAY}, {@code LAST_N_DAYS:n}, ...), each a half-open range of
 * days computed from "today".
 *
 * <p>Emulator choices: today is the clock's date in UTC (a real org uses the user's time zone);
 * weeks start on Sunday (the en_US locale); the fiscal year is the calendar year (the org default),
 * so the FISCAL literals equal their calendar counterparts.
 */
enum RelativeDate {
  YESTERDAY(false, (t, n) -> days(t.minusDays(1), 1)),
  TODAY(false, (t, n) -> days(t, 1)),
  TOMORROW(false, (t, n) -> days(t.plusDays(1), 1)),
  LAST_WEEK(false, (t, n) -> days(weekStart(t).minusWeeks(1), 7)),
  THIS_WEEK(false, (t, n) -> days(weekStart(t), 7)),
  NEXT_WEEK(false, (t, n) -> days(weekStart(t).plusWeeks(1), 7)),
  LAST_MONTH(false, (t, n) -> months(monthStart(t).minusMonths(1), 1)),
  THIS_MONTH(false, (t, n) -> months(monthStart(t), 1)),
  NEXT_MONTH(false, (t, n) -> months(monthStart(t).plusMonths(1), 1)),
  // "Starts with the current day and continues for the past 90 days": 91 days including today.
  LAST_90_DAYS(false, (t, n) -> new Range(t.minusDays(90), t.plusDays(1))),
  // "Starts 00:00:00 of the next day and continues for the next 90 days."
  NEXT_90_DAYS(false, (t, n) -> days(t.plusDays(1), 90)),
  LAST_N_DAYS(true, (t, n) -> new Range(t.minusDays(n), t.plusDays(1))),
  NEXT_N_DAYS(true, (t, n) -> days(t.plusDays(1), n)),
  N_DAYS_AGO(true, (t, n) -> days(t.minusDays(n), 1)),
  LAST_N_WEEKS(true, (t, n) -> new Range(weekStart(t).minusWeeks(n), weekStart(t))),
  NEXT_N_WEEKS(true, (t, n) -> days(weekStart(t).plusWeeks(1), 7L * n)),
  N_WEEKS_AGO(true, (t, n) -> days(weekStart(t).minusWeeks(n), 7)),
  LAST_N_MONTHS(true, (t, n) -> new Range(monthStart(t).minusMonths(n), monthStart(t))),
  NEXT_N_MONTHS(true, (t, n) -> months(monthStart(t).plusMonths(1), n)),
  N_MONTHS_AGO(true, (t, n) -> months(monthStart(t).minusMonths(n), 1)),
  THIS_QUARTER(false, (t, n) -> months(quarterStart(t), 3)),
  LAST_QUARTER(false, (t, n) -> months(quarterStart(t).minusMonths(3), 3)),
  NEXT_QUARTER(false, (t, n) -> months(quarterStart(t).plusMonths(3), 3)),
  LAST_N_QUARTERS(true, (t, n) -> new Range(quarterStart(t).minusMonths(3L * n), quarterStart(t))),
  NEXT_N_QUARTERS(true, (t, n) -> months(quarterStart(t).plusMonths(3), 3L * n)),
  N_QUARTERS_AGO(true, (t, n) -> months(quarterStart(t).minusMonths(3L * n), 3)),
  THIS_YEAR(false, (t, n) -> years(yearStart(t), 1)),
  LAST_YEAR(false, (t, n) -> years(yearStart(t).minusYears(1), 1)),
  NEXT_YEAR(false, (t, n) -> years(yearStart(t).plusYears(1), 1)),
  LAST_N_YEARS(true, (t, n) -> new Range(yearStart(t).minusYears(n), yearStart(t))),
  NEXT_N_YEARS(true, (t, n) -> years(yearStart(t).plusYears(1), n)),
  N_YEARS_AGO(true, (t, n) -> years(yearStart(t).minusYears(n), 1)),
  THIS_FISCAL_QUARTER(false, THIS_QUARTER),
  LAST_FISCAL_QUARTER(false, LAST_QUARTER),
  NEXT_FISCAL_QUARTER(false, NEXT_QUARTER),
  LAST_N_FISCAL_QUARTERS(true, LAST_N_QUARTERS),
  NEXT_N_FISCAL_QUARTERS(true, NEXT_N_QUARTERS),
  N_FISCAL_QUARTERS_AGO(true, N_QUARTERS_AGO),
  THIS_FISCAL_YEAR(false, THIS_YEAR),
  LAST_FISCAL_YEAR(false, LAST_YEAR),
  NEXT_FISCAL_YEAR(false, NEXT_YEAR),
  LAST_N_FISCAL_YEARS(true, LAST_N_YEARS),
  NEXT_N_FISCAL_YEARS(true, NEXT_N_YEARS),
  N_FISCAL_YEARS_AGO(true, N_YEARS_AGO);

  /** Days from start (inclusive) to end (exclusive). */
  record Range(LocalDate start, LocalDate end) {}

  private final boolean takesN;
  private final BiFunction<LocalDate, Integer, Range> range;

  RelativeDate(boolean takesN, BiFunction<LocalDate, Integer, Range> range) {
    this.takesN = takesN;
    this.range = range;
  }

  RelativeDate(boolean takesN, RelativeDate same) {
    this(takesN, same.range);
  }

  /** Whether the literal is written {@code NAME:n}. */
  boolean takesN() {
    return takesN;
  }

  Range range(LocalDate today, int n) {
    return range.apply(today, n);
  }

  static @Nullable RelativeDate lookup(String word) {
    try {
      return valueOf(word.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Range days(LocalDate start, long count) {
    return new Range(start, start.plusDays(count));
  }

  private static Range months(LocalDate start, long count) {
    return new Range(start, start.plusMonths(count));
  }

  private static Range years(LocalDate start, long count) {
    return new Range(start, start.plusYears(count));
  }

  private static LocalDate weekStart(LocalDate d) {
    return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
  }

  private static LocalDate monthStart(LocalDate d) {
    return d.withDayOfMonth(1);
  }

  private static LocalDate quarterStart(LocalDate d) {
    return LocalDate.of(d.getYear(), ((d.getMonthValue() - 1) / 3) * 3 + 1, 1);
  }

  private static LocalDate yearStart(LocalDate d) {
    return d.withDayOfYear(1);
  }
}
