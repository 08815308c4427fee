package dev.ferry.engine.write;

import dev.ferry.core.sf.RecordError;
import dev.ferry.core.sf.SaveOperation;
import dev.ferry.core.store.ChangeEntry;
import dev.ferry.core.store.EntryOutcome;
import dev.ferry.core.store.EntryState;
import dev.ferry.core.store.RowWriteBack;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds entry outcomes and their row write-backs. {@code sf_result}: 0 accepted by Salesforce, 1
 * rejected by Salesforce, 2 not sent (nothing to send, or a value Ferry cannot send). {@code
 * sf_message}: {@code CODE: message}. {@code _hc_err}: {@code {"code","message","fields"}}.
 */
final class Outcomes {
  static final int ACCEPTED = 0;
  static final int REJECTED = 1;
  static final int NOT_SENT = 2;

  private Outcomes() {}

  /**
   * Accepted. Only a create or upsert puts an sfid on the row: an update's row has its sfid
   * already, and writing one back could land on a new row that re-uses a deleted row's id.
   */
  static List<EntryOutcome> success(Write w, @Nullable String sfid) {
    boolean inserted = w.op() == SaveOperation.CREATE || w.op() == SaveOperation.UPSERT;
    String id = inserted ? (sfid != null ? sfid : w.sfid()) : null;
    RowWriteBack back =
        w.op() == SaveOperation.DELETE
            ? null
            : new RowWriteBack(w.table(), w.recordId(), id, w.lastop(), null);
    return carried(w.entries(), EntryState.SUCCESS, ACCEPTED, null, back);
  }

  static List<EntryOutcome> failure(Write w, RecordError error) {
    RowWriteBack back =
        w.op() == SaveOperation.DELETE
            ? null
            : new RowWriteBack(w.table(), w.recordId(), null, "FAILED", hcErr(error));
    return carried(w.entries(), EntryState.FAILED, REJECTED, message(error), back);
  }

  /** A change Ferry did not send: Ferry's own error (FAILED) or nothing to send (IGNORED). */
  static List<EntryOutcome> notSent(
      Change c, EntryState state, String message, @Nullable String lastop) {
    RowWriteBack back = null;
    if (state == EntryState.FAILED) {
      back =
          new RowWriteBack(
              c.table(),
              c.recordId(),
              null,
              "FAILED",
              hcErr(new RecordError("FERRY_INVALID_VALUE", message, List.of())));
    } else if (lastop != null) {
      back = new RowWriteBack(c.table(), c.recordId(), null, lastop, null);
    }
    return carried(c.entries(), state, NOT_SENT, message, back);
  }

  /** Entries folded into nothing (Merged Writes). */
  static List<EntryOutcome> merged(List<ChangeEntry> entries, String message) {
    List<EntryOutcome> out = new ArrayList<>();
    for (ChangeEntry e : entries) {
      out.add(new EntryOutcome(e.id(), EntryState.MERGED, NOT_SENT, message, null));
    }
    return out;
  }

  /** The carrier (last entry) gets the outcome; the others are MERGED into it. */
  private static List<EntryOutcome> carried(
      List<ChangeEntry> entries,
      EntryState state,
      int result,
      @Nullable String message,
      @Nullable RowWriteBack back) {
    List<EntryOutcome> out = new ArrayList<>(entries.size());
    ChangeEntry carrier = entries.get(entries.size() - 1);
    for (ChangeEntry e : entries) {
      if (e == carrier) continue;
      out.add(
          new EntryOutcome(
              e.id(), EntryState.MERGED, NOT_SENT, "merged into entry " + carrier.id(), null));
    }
    out.add(new EntryOutcome(carrier.id(), state, result, message, back));
    return out;
  }

  static String message(RecordError e) {
    String m = e.message() == null ? "" : e.message();
    return e.statusCode() == null || e.statusCode().isEmpty() || m.startsWith(e.statusCode())
        ? m
        : e.statusCode() + ": " + m;
  }

  static String hcErr(RecordError e) {
    StringBuilder b = new StringBuilder("{\"code\":");
    Json.string(b, e.statusCode());
    b.append(",\"message\":");
    Json.string(b, e.message());
    b.append(",\"fields\":[");
    for (int i = 0; i < e.fields().size(); i++) {
      if (i > 0) b.append(',');
      Json.string(b, e.fields().get(i));
    }
    return b.append("]}").toString();
  }

  /** The smallest JSON writer that _hc_err needs. */
  static final class Json {
    private Json() {}

    static void string(StringBuilder b, @Nullable String s) {
      if (s == null) {
        b.append("null");
        return;
      }
      b.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          default -> {
            if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
          }
        }
      }
      b.append('"');
    }
  }
}
