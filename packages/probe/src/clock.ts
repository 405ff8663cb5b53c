/** Clocks for timings: wall-clock µs for the start, monotonic µs for everything after it. */

/** A clock: `wallMicros` (µs since the epoch) and `monoMicros` (monotonic µs). Injectable. */
export interface Clock {
  wallMicros(): number;
  monoMicros(): number;
}

/** The system clock (Date for the wall clock, performance.now for durations). */
export const systemClock: Clock = {
  wallMicros: () => Date.now() * 1000,
  monoMicros: () => Math.round(performance.now() * 1000),
};
