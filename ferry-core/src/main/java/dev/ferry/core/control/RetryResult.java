package dev.ferry.core.control;

/**
 * What a retry of failed writes did.
 *
 * @param requeued failed entries marked REQUEUED
 * @param captured new NEW entries queued for them (one per row: the row as it is now)
 */
public record RetryResult(int requeued, int captured) {}
