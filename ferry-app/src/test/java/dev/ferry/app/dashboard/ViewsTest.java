package dev.ferry.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.control.ApiUsageView;
import dev.ferry.core.control.MappingView;
import dev.ferry.core.id.ConnectionId;
import dev.ferry.core.id.MappingId;
import dev.ferry.core.model.Access;
import dev.ferry.core.model.MappingConfig;
import dev.ferry.core.state.MappingState;
import dev.ferry.core.store.ApiBudget;
import dev.ferry.core.store.Mapping;
import dev.ferry.core.store.PollApi;
import dev.ferry.core.store.PollKind;
import dev.ferry.core.store.PollStatus;
import dev.ferry.core.store.PollWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewsTest {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  static MappingView view(MappingState state, long db, Long sf, Instant lastPoll, Instant mark) {
    Mapping m =
        new Mapping(
            MappingId.random(),
            ConnectionId.random(),
            "Contact",
            MappingConfig.of(Access.READ_ONLY, List.of("Id", "SystemModstamp", "LastName")),
            1,
            state,
            1,
            "Waiting for bulk job 750x",
            null,
            NOW,
            NOW,
            NOW);
    return new MappingView(m, db, sf, sf == null ? null : NOW, lastPoll, mark);
  }

  @Test
  void aLoadShowsRowsInTheTableAgainstRowsCountedAtItsStart() {
    var loading =
        Views.mapping(view(MappingState.LOADING_BULK_JOB, 2_500, 10_000L, null, null), NOW);
    assertThat(loading.loading()).isTrue();
    assertThat(loading.progress()).isEqualTo(25);
    assertThat(loading.progressText()).isEqualTo("2,500 of 10,000 rows");
    assertThat(loading.lastPoll()).isEqualTo("never");
    assertThat(loading.watermark()).isEqualTo("none yet");

    var uncounted = Views.mapping(view(MappingState.RELOAD_TABLE, 0, null, null, null), NOW);
    assertThat(uncounted.progress()).isNull();
    assertThat(uncounted.progressText()).isEqualTo("0 rows so far");
    assertThat(uncounted.sfCount()).isEqualTo("not counted yet");

    var more = Views.mapping(view(MappingState.LOADING_BULK_JOB, 12, 10L, null, null), NOW);
    assertThat(more.progress()).as("rows created meanwhile").isEqualTo(100);
  }

  @Test
  void aSyncedMappingShowsItsLagAndNoProgress() {
    var synced =
        Views.mapping(
            view(
                MappingState.DATA_SYNCED,
                10,
                11L,
                NOW.minusSeconds(4),
                NOW.minus(Duration.ofMinutes(2))),
            NOW);
    assertThat(synced.loading()).isFalse();
    assertThat(synced.progress()).isNull();
    assertThat(synced.lastPoll()).isEqualTo("4 s ago");
    assertThat(synced.lag()).isEqualTo("2 min");
    assertThat(synced.watermark()).isEqualTo("2026-03-01 09:58:00 UTC");
    assertThat(synced.countsDiffer()).isTrue();
    assertThat(synced.stateClass()).isEqualTo("ok");
    assertThat(synced.abortable()).isFalse();
    assertThat(Views.mappingClass(MappingState.BULK_LOAD_ERROR)).isEqualTo("error");
    assertThat(Views.mappingClass(MappingState.ABORTED)).isEqualTo("error");
    assertThat(Views.mappingClass(MappingState.WAIT_BULK_LOAD)).isEqualTo("busy");
  }

  @Test
  void durationsReadLikeAPersonWouldSayThem() {
    assertThat(Views.duration(Duration.ofSeconds(-3))).isEqualTo("0 s");
    assertThat(Views.duration(Duration.ofSeconds(59))).isEqualTo("59 s");
    assertThat(Views.duration(Duration.ofSeconds(61))).isEqualTo("1 min");
    assertThat(Views.duration(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
    assertThat(Views.duration(Duration.ofHours(3))).isEqualTo("3 h");
    assertThat(Views.duration(Duration.ofDays(2))).isEqualTo("2 d");
  }

  @Test
  void apiUsageNamesTheShareOfTheOrgsAllowance() {
    MappingId m = MappingId.random();
    var usage =
        Views.usage(
            new ApiUsageView(
                new ApiBudget("00D1", 80_000, 100_000, NOW),
                List.of(new ApiUsageView.MappingCalls(m, "Contact", 1234, 0))));
    assertThat(usage.known()).isTrue();
    assertThat(usage.percent()).isEqualTo(80);
    assertThat(usage.level()).isEqualTo("busy");
    assertThat(usage.used()).isEqualTo("80,000");
    assertThat(usage.mappings().getFirst().callsToday()).isEqualTo("1,234");
    assertThat(usage.mappings().getFirst().limit()).isEqualTo("org limit only");

    var unknown = Views.usage(new ApiUsageView(null, List.of()));
    assertThat(unknown.known()).isFalse();
  }

  @Test
  void logLinesAreShownNewestFirst() {
    var lines =
        Views.logs(
            List.of(
                new dev.ferry.app.log.RecentLogs.Line(1, NOW, "info", "first"),
                new dev.ferry.app.log.RecentLogs.Line(2, NOW, "warn", "second")));
    assertThat(lines).extracting(Model.LogLine::text).containsExactly("second", "first");
  }

  @Test
  void aDriftCheckShowsWhatItRepaired() {
    PollWindow drift =
        new PollWindow(
            7,
            MappingId.random(),
            PollKind.SECONDARY,
            3L,
            NOW.minusSeconds(60),
            NOW.minusSeconds(30),
            PollApi.REST,
            null,
            PollStatus.DONE,
            5,
            null,
            null,
            NOW,
            2,
            List.of("003A", "003B"),
            null,
            NOW,
            NOW);
    var row = Views.poll(drift);
    assertThat(row.kind()).isEqualTo("drift check");
    assertThat(row.repaired()).isEqualTo("2 (003A, 003B)");
    assertThat(row.window()).isEqualTo("03-01 09:59:00 → 03-01 09:59:30");
  }
}
