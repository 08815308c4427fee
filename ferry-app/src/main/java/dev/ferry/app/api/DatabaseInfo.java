package dev.ferry.app.api;

/** Where the database is, for a connection's {@code database} block (never credentials). */
public record DatabaseInfo(String host, int port, String database) {}
