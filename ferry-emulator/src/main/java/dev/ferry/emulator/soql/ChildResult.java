package dev.ferry.emulator.soql;

import java.util.List;

/** The rows of a parent-to-child subquery for one parent row. */
public record ChildResult(String type, List<ResultRow> records) {}
