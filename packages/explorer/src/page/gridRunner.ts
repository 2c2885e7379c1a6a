import { STAT_FIELDS } from '@resnet/sweep/browser';
import { groupsAtDepth } from '../compute/gridTask.js';
import type { GridResult, GridTask, WorkerResponse } from '../compute/messages.js';
import type { PageGrid } from '../model/grid.js';
import { ProfileStore } from '../model/profile.js';
import { createComputer, type Computer } from './pool.js';

/** Milliseconds of work a task aims at: short, so a change is never queued behind much stale work. */
const TARGET_MS = 25;

/** One grid being computed: its cells' summary values and layer profiles as they arrive. */
export interface GridJob {
  id: number;
  key: string;
  pg: PageGrid;
  groups: number;
  seeds: number;
  /** STAT_FIELDS values per cell in canonical (seed-major) order: the sweep's stats buffer. */
  stats: Float64Array;
  /** Seeds 0..seedsDone-1 are all in. */
  seedsDone: number;
  profiles: Map<number, ProfileStore>;
  started: number;
  /** When the last cell arrived (performance.now()), or null. */
  finished: number | null;
  error: string | null;
  /** Tasks answered and the milliseconds they computed for (summed over workers). */
  tasks: number;
  workerMs: number;
  threads: number;
  inline: boolean;
  statsCursor: number;
  filled: Uint8Array;
  profileCursor: Map<number, number>;
}

interface Slot {
  computer: Computer;
  task: GridTask | null;
}

/**
 * Runs grids on a pool of workers, streaming: a new grid supersedes the old one at once (its queued work is
 * dropped, late results ignored); seeds go out in growing chunks so the first result comes within a few
 * milliseconds; the profile depth's layer norms ride along, and a new profile depth is caught up first.
 */
export class GridRunner {
  job: GridJob | null = null;
  private slots: Slot[] = [];
  private nextId = 1;
  /** Measured milliseconds per normal draw of a cell (a cell's cost is about its weight count), or null. */
  private msPerNormal: number | null = null;

  constructor(
    private readonly source: string | null,
    private readonly onUpdate: (job: GridJob) => void,
  ) {}

  /** Computes pg (a new job unless only the profile depth changed). */
  run(pg: PageGrid): void {
    const threads = pg.threads ?? Math.min(Math.max(1, navigator.hardwareConcurrency || 2), 8);
    if (threads !== this.slots.length) this.resize(threads);
    const key = JSON.stringify(pg.grid);
    if (this.job && this.job.key === key && !this.job.error) {
      this.job.pg = pg;
      this.pump();
      this.onUpdate(this.job);
      return;
    }
    const { groupCount: G, seedCount: S } = pg.layout;
    this.job = {
      id: this.nextId++,
      key,
      pg,
      groups: G,
      seeds: S,
      stats: new Float64Array(G * S * STAT_FIELDS),
      seedsDone: 0,
      profiles: new Map(),
      started: performance.now(),
      finished: null,
      error: null,
      tasks: 0,
      workerMs: 0,
      threads,
      inline: this.slots.every((s) => s.computer.inline),
      statsCursor: 0,
      filled: new Uint8Array(S),
      profileCursor: new Map(),
    };
    this.pump();
    this.onUpdate(this.job);
  }

  /** The layer profile of the job's profile depth (created empty when first asked for). */
  profile(job: GridJob, depth = job.pg.profileDepth): ProfileStore {
    let store = job.profiles.get(depth);
    if (!store) {
      const l = job.pg.layout;
      const groups = groupsAtDepth(l, depth);
      store = new ProfileStore(
        depth,
        groups,
        groups.map((g) => l.records[g]!.layerGradNorms[1]),
        job.seeds,
      );
      job.profiles.set(depth, store);
    }
    return store;
  }

  private resize(threads: number): void {
    for (const s of this.slots) s.computer.terminate();
    this.slots = Array.from({ length: threads }, () => this.slot());
    this.job = null; // its in-flight tasks are gone with their workers
  }

  private slot(): Slot {
    const slot: Slot = { computer: createComputer(this.source), task: null };
    slot.computer.onResponse = (r) => this.onResponse(slot, r);
    slot.computer.onFailure = () => {
      // A worker that cannot run (a browser policy, say): the page computes its share itself.
      const lost = slot.task;
      slot.computer.terminate();
      slot.computer = createComputer(null);
      slot.computer.onResponse = (r) => this.onResponse(slot, r);
      if (this.job) this.job.inline = this.slots.every((s) => s.computer.inline);
      if (lost) slot.computer.post(lost);
    };
    return slot;
  }

  private onResponse(slot: Slot, r: WorkerResponse): void {
    if (r.kind !== 'grid') return;
    slot.task = null;
    const job = this.job;
    if (job && r.job === job.id) this.accept(job, r);
    this.pump();
  }

  private accept(job: GridJob, r: GridResult): void {
    if (r.error) {
      job.error = r.error;
      this.onUpdate(job);
      return;
    }
    job.tasks++;
    job.workerMs += r.ms;
    const l = job.pg.layout;
    const groups = r.stats ? l.normals : (r.profile?.groups ?? []).map((g) => l.normals[g]!);
    const normals = groups.reduce((a, n) => a + n, 0) * (r.to - r.from);
    if (normals > 0 && r.ms > 2) {
      const m = r.ms / normals;
      this.msPerNormal = this.msPerNormal === null ? m : 0.7 * this.msPerNormal + 0.3 * m;
    }
    if (r.stats) {
      job.stats.set(r.stats, r.from * job.groups * STAT_FIELDS);
      job.filled.fill(1, r.from, r.to);
      while (job.seedsDone < job.seeds && job.filled[job.seedsDone]) job.seedsDone++;
      if (job.seedsDone === job.seeds) job.finished = performance.now();
    }
    if (r.profile) this.profile(job, r.profile.depth).add(r.profile, r.from, r.to);
    this.onUpdate(job);
  }

  /** Seeds per task for `normals` draws a seed: about TARGET_MS of work once the speed is known, else 1. */
  private chunk(normals: number, done: number): number {
    if (this.msPerNormal === null) return Math.max(1, done);
    return Math.max(1, Math.round(TARGET_MS / (this.msPerNormal * normals)));
  }

  private nextTask(): GridTask | null {
    const job = this.job;
    if (!job || job.error) return null;
    const l = job.pg.layout;
    const depth = job.pg.profileDepth;
    this.profile(job, depth);
    const base = { kind: 'grid', job: job.id, grid: job.pg.grid, profileDepth: depth } as const;
    const from = job.profileCursor.get(depth) ?? 0;
    if (from < job.statsCursor) {
      // A new profile depth: its seeds up to where the cells have gone, first.
      const normals = groupsAtDepth(l, depth).reduce((a, g) => a + l.normals[g]!, 0);
      const to = Math.min(job.statsCursor, from + this.chunk(normals, from));
      job.profileCursor.set(depth, to);
      return { ...base, from, to, stats: false };
    }
    if (job.statsCursor < job.seeds) {
      const start = job.statsCursor;
      const to = Math.min(
        job.seeds,
        start +
          this.chunk(
            l.normals.reduce((a, n) => a + n, 0),
            start,
          ),
      );
      job.statsCursor = to;
      job.profileCursor.set(depth, to);
      return { ...base, from: start, to, stats: true };
    }
    return null;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.task) continue;
      const task = this.nextTask();
      if (!task) return;
      slot.task = task;
      slot.computer.post(task);
    }
  }
}
