/**
 * The emulator's options and the state every request handler reaches ({@code EmulatorContext}).
 * Sits above the org, controls and Bulk services it builds, below {@code http} and the resources in
 * {@code rest}, so the packages of the emulator form no cycle.
 */
package dev.ferry.emulator.server;
