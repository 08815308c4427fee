package dev.ferry.core.sf;

public record PicklistValue(String value, String label, boolean active, boolean defaultValue) {}
