/**
 * A screen is busy from a show's start until its runtime plus the cleaning buffer has passed.
 * Two shows on one screen may not have overlapping busy intervals (touching end-to-start is fine).
 */
export type ScreenSlot = { id: string; startsAt: number; runtimeMinutes: number };

const MINUTE = 60_000;

export function busyUntil(slot: ScreenSlot, cleaningBufferMinutes: number): number {
  return slot.startsAt + (slot.runtimeMinutes + cleaningBufferMinutes) * MINUTE;
}

/** The first existing show that the candidate would collide with, or null when the screen is free. */
export function findOverlap(candidate: ScreenSlot, existing: ScreenSlot[], cleaningBufferMinutes: number): ScreenSlot | null {
  const candidateEnd = busyUntil(candidate, cleaningBufferMinutes);
  for (const other of [...existing].sort((a, b) => a.startsAt - b.startsAt)) {
    if (other.id === candidate.id) continue;
    if (candidate.startsAt < busyUntil(other, cleaningBufferMinutes) && other.startsAt < candidateEnd) return other;
  }
  return null;
}

/** The window of start times that could possibly collide with a show starting at `startsAt`. */
export function overlapSearchWindow(startsAt: number, runtimeMinutes: number, cleaningBufferMinutes: number, longestRuntimeMinutes = 6 * 60) {
  return {
    from: startsAt - (longestRuntimeMinutes + cleaningBufferMinutes) * MINUTE,
    to: startsAt + (runtimeMinutes + cleaningBufferMinutes) * MINUTE,
  };
}
