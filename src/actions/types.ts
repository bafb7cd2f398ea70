// The resource-agent contract (OCF-like): start, stop and monitor with timeouts.
import type { ResourceConfig, ResourceType } from '../config/schema.js';
import type { ArmedCommands, Runner } from '../platform/types.js';

export type TargetPlatform = 'linux' | 'windows';

/** OCF: 0 running, 7 not running (a clean state, not a failure), anything else failed. */
export type MonitorStatus = 'running' | 'stopped' | 'failed';

export interface MonitorResult {
  status: MonitorStatus;
  /** Short human text (first line of output, the reason); never parsed. */
  output?: string;
}

export interface DriverContext {
  runner: Runner;
  platform: TargetPlatform;
  /** The operation's deadline; a driver passes what is left of it to each command it runs. */
  timeoutMs: number;
  /** Gratuitous ARP and similar need the gateway or the node's own addresses. */
  node?: { name: string; public: string; private: string };
  gateway?: string;
  /** Where drivers keep pid files and other small state. */
  stateDir: string;
  /** Set when another node's view shows a fault: drivers must stop hard rather than gracefully. */
  signal?: AbortSignal;
  /** Where a driver reports a warning that does not fail the operation (e.g. no gratuitous ARP tool). */
  warn?: (code: string, message: string) => void;
}

export interface ResourceDriver<R extends ResourceConfig = ResourceConfig> {
  readonly type: R['type'];
  /** Idempotent: starting a running resource succeeds. Throws RosehaError (with a code) on failure. */
  start(resource: R, ctx: DriverContext): Promise<void>;
  /** Idempotent: stopping a stopped resource succeeds. Throws RosehaError on failure. */
  stop(resource: R, ctx: DriverContext): Promise<void>;
  monitor(resource: R, ctx: DriverContext): Promise<MonitorResult>;
  /**
   * What start() runs, in order, when nothing of the resource runs yet (a takeover): a standby keeps
   * it armed (Runner.keepArmed). Optional: a driver without it starts cold.
   */
  coldStart?(resource: R, ctx: DriverContext): Partial<ArmedCommands>;
}

export type DriverTable = { [T in ResourceType]: ResourceDriver<Extract<ResourceConfig, { type: T }>> };
