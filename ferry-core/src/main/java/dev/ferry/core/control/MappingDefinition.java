package dev.ferry.core.control;

import dev.ferry.core.model.MappingConfig;

/** One mapping of an export/import document: {@code object_name} and {@code config}. */
public record MappingDefinition(String objectName, MappingConfig config) {}
