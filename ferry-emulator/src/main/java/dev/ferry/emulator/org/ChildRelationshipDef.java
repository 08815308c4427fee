package dev.ferry.emulator.org;

/** A parent-to-child relationship as describe lists it on the parent. */
public record ChildRelationshipDef(
    String relationshipName,
    String childSObject,
    String field,
    boolean cascadeDelete,
    boolean restrictedDelete) {}
