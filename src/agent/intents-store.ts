// Keeps this node's copy of the cluster intents on disk, so that a lock or a standby survives an
// agent restart, and merges the peer's copy from every heartbeat.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyIntent, emptyIntents, mergeIntents, type ClusterIntents, type IntentChange, type Stamp } from '../core/intents.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export class IntentsStore {
  private current: ClusterIntents;
  private readonly file: string;

  constructor(
    stateDir: string,
    private readonly self: string,
    private readonly onChange: (next: ClusterIntents, prev: ClusterIntents) => void = () => {},
  ) {
    this.file = join(stateDir, 'intents.json');
    this.current = this.read() ?? emptyIntents(self);
  }

  get(): ClusterIntents {
    return this.current;
  }

  apply(change: IntentChange, stamp: Stamp): ClusterIntents {
    return this.set(applyIntent(this.current, change, this.self, stamp));
  }

  /** The peer's copy, from a heartbeat: kept when it is newer. */
  merge(theirs: ClusterIntents | undefined): void {
    const winner = mergeIntents(this.current, theirs);
    if (winner !== this.current) this.set(winner);
  }

  private set(next: ClusterIntents): ClusterIntents {
    const prev = this.current;
    this.current = next;
    try {
      writeFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n', 0o600);
    } catch {
      // The copy in memory still rules; the peer holds one too. The worker logs the storage state.
    }
    this.onChange(next, prev);
    return next;
  }

  private read(): ClusterIntents | undefined {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as ClusterIntents;
      if (typeof parsed.rev === 'number' && parsed.locks && parsed.moves && parsed.standby) return parsed;
    } catch {
      // No file yet, or a torn one from before atomic writes: start empty, the peer's copy wins.
    }
    return undefined;
  }
}
