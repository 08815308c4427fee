/**
 * What runs a mapping: the scheduled runs of a mapping and of its secondary polls, their failure
 * handling, the database-outage wait and housekeeping. Builds on {@code read} (the algorithms) and
 * {@code lifecycle} (the state primitives); only the engine's root uses it.
 */
package dev.ferry.engine.runner;
