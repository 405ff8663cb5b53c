/**
 * Running probes by exchange id, with a per-client cap. Finished probes stay readable for a
 * while (GET /api/probe/{id}) and are then forgotten; the map is bounded.
 */
import type { Probe } from '@switchyard/probe';

/** How long a finished probe's state stays in memory, ms. */
export const KEEP_FINISHED_MS = 10 * 60_000;
/** Most probes (running or finished) remembered at once. */
export const MAX_REMEMBERED = 1000;

interface Entry {
  probe: Probe;
  client: string;
  finishedAt?: number;
}

export class ProbeRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly running = new Map<string, number>();

  constructor(private readonly maxPerClient: number) {}

  /** Probes `client` is running now. */
  runningFor(client: string): number {
    return this.running.get(client) ?? 0;
  }

  /** Reserves a slot for `client`; false when the cap is reached. */
  reserve(client: string): boolean {
    const n = this.runningFor(client);
    if (n >= this.maxPerClient) return false;
    this.running.set(client, n + 1);
    return true;
  }

  /** Gives back a slot (the probe finished or never started). */
  release(client: string): void {
    const n = this.runningFor(client) - 1;
    if (n <= 0) this.running.delete(client);
    else this.running.set(client, n);
  }

  add(id: string, client: string, probe: Probe): void {
    this.prune(Date.now());
    this.entries.set(id, { probe, client });
  }

  finished(id: string): void {
    const entry = this.entries.get(id);
    if (entry !== undefined) entry.finishedAt = Date.now();
  }

  get(id: string): Probe | undefined {
    return this.entries.get(id)?.probe;
  }

  /** Aborts every running probe (app close). */
  abortAll(): void {
    for (const entry of this.entries.values())
      if (entry.finishedAt === undefined) entry.probe.abort();
  }

  private prune(now: number): void {
    for (const [id, entry] of this.entries) {
      if (entry.finishedAt !== undefined && now - entry.finishedAt > KEEP_FINISHED_MS) {
        this.entries.delete(id);
      }
    }
    // Bounded: forget the oldest finished ones first.
    for (const [id, entry] of this.entries) {
      if (this.entries.size < MAX_REMEMBERED) break;
      if (entry.finishedAt !== undefined) this.entries.delete(id);
    }
  }
}
