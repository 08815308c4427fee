package dev.ferry.engine.write;

import static dev.ferry.engine.write.Entries.delete;
import static dev.ferry.engine.write.Entries.insert;
import static dev.ferry.engine.write.Entries.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.EntryAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Merged Writes' collapse table, row by row (docs/write-path.md). */
class FoldTest {

  @Test
  void insertThenUpdatesIsOneInsertOfTheLatestValues() {
    ChangeEntry i = insert(1, "lastname", "A", "email", "a@x");
    ChangeEntry u1 = update(1, null, "lastname", "B");
    ChangeEntry u2 = update(1, null, "email", "b@x");
    Fold.Folded f = Fold.fold(List.of(i, u1, u2));
    assertThat(f.vanished()).isEmpty();
    assertThat(f.changes())
        .singleElement()
        .satisfies(c -> {
          assertThat(c.action()).isEqualTo(EntryAction.INSERT);
          assertThat(c.values()).containsEntry("lastname", "B").containsEntry("email", "b@x");
          assertThat(c.entries()).containsExactly(i, u1, u2);
          assertThat(c.carrier()).isEqualTo(u2);
        });
  }

  @Test
  void updatesMergeTheirColumnsTheLaterWinning() {
    ChangeEntry u1 =
        Entries.entry(
            EntryAction.UPDATE,
            1,
            "003A",
            Entries.map("lastname", "A", "email", "a@x"),
            Entries.map("lastname", "B"));
    ChangeEntry u2 = update(1, "003A", "lastname", "C", "email", "c@x");
    Change c = Fold.fold(List.of(u1, u2)).changes().get(0);
    assertThat(c.action()).isEqualTo(EntryAction.UPDATE);
    assertThat(c.sfid()).isEqualTo("003A");
    assertThat(c.values()).containsExactlyEntriesOf(Entries.map("lastname", "C", "email", "c@x"));
    assertThat(c.old()).containsEntry("lastname", "A");
  }

  @Test
  void insertThenDeleteOfARecordNeverSentIsNothing() {
    // the trigger logs such a DELETE as IGNORE (no sfid); were it claimed, it still folds away
    ChangeEntry i = insert(1, "lastname", "A");
    ChangeEntry d = delete(1, null);
    Fold.Folded f = Fold.fold(List.of(i, d));
    assertThat(f.changes()).isEmpty();
    assertThat(f.vanished()).containsExactly(i, d);
  }

  @Test
  void updateThenDeleteIsTheDelete() {
    ChangeEntry u = update(1, "003A", "lastname", "B");
    ChangeEntry d = delete(1, "003A");
    Change c = Fold.fold(List.of(u, d)).changes().get(0);
    assertThat(c.action()).isEqualTo(EntryAction.DELETE);
    assertThat(c.sfid()).isEqualTo("003A");
    assertThat(c.entries()).containsExactly(u, d);
  }

  @Test
  void deleteThenInsertUnderTheSameRowIdIsBothInOrder() {
    ChangeEntry d = delete(1, "003A");
    ChangeEntry i = insert(1, "lastname", "New");
    ChangeEntry u = update(1, null, "email", "n@x");
    Fold.Folded f = Fold.fold(List.of(d, i, u));
    assertThat(f.changes())
        .extracting(Change::action)
        .containsExactly(EntryAction.DELETE, EntryAction.INSERT);
    assertThat(f.changes().get(0).entries()).containsExactly(d);
    assertThat(f.changes().get(1).entries()).containsExactly(i, u);
    assertThat(f.changes().get(1).values()).containsEntry("email", "n@x");
  }

  @Test
  void deleteInsertDeleteKeepsTheFirstDelete() {
    ChangeEntry d = delete(1, "003A");
    ChangeEntry i = insert(1, "lastname", "New");
    ChangeEntry d2 = delete(1, null);
    Fold.Folded f = Fold.fold(List.of(d, i, d2));
    assertThat(f.changes())
        .singleElement()
        .satisfies(c -> {
          assertThat(c.action()).isEqualTo(EntryAction.DELETE);
          assertThat(c.sfid()).isEqualTo("003A");
        });
    assertThat(f.vanished()).containsExactly(i, d2);
  }

  @Test
  void reCapturesFoldIntoAnInsertOfTheWholeRow() {
    ChangeEntry i1 = insert(1, "lastname", "A", "email", "a@x");
    ChangeEntry i2 = insert(1, "lastname", "A2", "email", "a2@x");
    assertThat(Fold.fold(List.of(i1, i2)).changes().get(0).values())
        .containsEntry("lastname", "A2");
    ChangeEntry u =
        Entries.entry(
            EntryAction.UPDATE,
            2,
            "003B",
            Entries.map("lastname", "B", "email", "b@x"),
            Entries.map("email", "b2@x"));
    ChangeEntry recapture = insert(2, "sfid", "003B", "lastname", "B", "email", "b3@x");
    Change c = Fold.fold(List.of(u, recapture)).changes().get(0);
    assertThat(c.action()).isEqualTo(EntryAction.INSERT);
    assertThat(c.capturedSfid()).isEqualTo("003B");
    assertThat(c.values()).containsEntry("email", "b3@x");
  }

  @Test
  void deleteAbsorbsLaterUpdatesAndDeletes() {
    ChangeEntry d = delete(1, "003A");
    ChangeEntry u = update(1, "003A", "lastname", "late");
    ChangeEntry d2 = delete(1, "003A");
    Change c = Fold.fold(List.of(d, u, d2)).changes().get(0);
    assertThat(c.action()).isEqualTo(EntryAction.DELETE);
    assertThat(c.entries()).containsExactly(d, u, d2);
  }
}
