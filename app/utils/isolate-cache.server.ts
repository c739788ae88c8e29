/**
 * The one helper for every copy of a fact an isolate keeps between requests (seat maps, room
 * summaries, showtime facts, verified sessions, rendered markup). Since the Worker, both Durable
 * Objects and the app are one bundle (ADR 030), a module-level cache exists once per isolate.
 *
 * Only plain data is kept, never a pending load: a Worker may not await I/O that belongs to another
 * request. `forget` also retires loads already on their way, so an answer read before a write is
 * never cached over it (`generation` is taken before the load and handed to `set`).
 */
export class IsolateCache<K, V> {
  private readonly entries = new Map<K, { value: V; validUntil: number }>();
  private readonly generations = new Map<K, number>();

  constructor(private readonly maxEntries: number) {}

  /** The value while `now` is before its validUntil (Infinity: until forgotten or pushed out). */
  get(key: K, now: number): V | undefined {
    const hit = this.entries.get(key);
    return hit && now < hit.validUntil ? hit.value : undefined;
  }

  /** The value whatever its age, with when it stops being fresh (for serve-stale-while-refreshing). */
  peek(key: K): { value: V; validUntil: number } | undefined {
    return this.entries.get(key);
  }

  /** Take before loading; `set` with it stores nothing if the key was forgotten meanwhile. */
  generation(key: K): number {
    return this.generations.get(key) ?? 0;
  }

  set(key: K, value: V, validUntil = Infinity, generation?: number): void {
    if (generation !== undefined && this.generation(key) !== generation) return;
    // Oldest first out: re-setting a key moves it to the back, so the copies in use stay.
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, validUntil });
  }

  forget(key: K): void {
    this.entries.delete(key);
    if (this.generations.size >= this.maxEntries) this.generations.clear();
    this.generations.set(key, this.generation(key) + 1);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  *[Symbol.iterator](): IterableIterator<[K, V]> {
    for (const [key, { value }] of this.entries) yield [key, value];
  }
}
