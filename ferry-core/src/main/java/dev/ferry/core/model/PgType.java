package dev.ferry.core.model;

/**
 * A Postgres column type as written in DDL ({@code character varying(80)}, {@code double
 * precision}) and the conversion its values need.
 */
public record PgType(String sql, ValueKind kind) {
  public static final PgType TEXT = new PgType("text", ValueKind.TEXT);
  public static final PgType BOOLEAN = new PgType("boolean", ValueKind.BOOLEAN);
  public static final PgType INTEGER = new PgType("integer", ValueKind.INTEGER);
  public static final PgType BIGINT = new PgType("bigint", ValueKind.BIGINT);
  public static final PgType DOUBLE = new PgType("double precision", ValueKind.DOUBLE);
  public static final PgType DATE = new PgType("date", ValueKind.DATE);
  public static final PgType TIMESTAMP =
      new PgType("timestamp without time zone", ValueKind.TIMESTAMP);
  public static final PgType TIMESTAMPTZ =
      new PgType("timestamp with time zone", ValueKind.TIMESTAMPTZ);
  public static final PgType TIME = new PgType("time without time zone", ValueKind.TIME);

  public static PgType varchar(int length) {
    if (length < 1 || length > 10_485_760) {
      throw new IllegalArgumentException("varchar length out of range: " + length);
    }
    return new PgType("character varying(" + length + ")", ValueKind.TEXT);
  }

  public static PgType numeric(int precision, int scale) {
    if (precision <= 0) return new PgType("numeric", ValueKind.NUMERIC);
    return new PgType("numeric(" + precision + "," + Math.max(0, scale) + ")", ValueKind.NUMERIC);
  }
}
