// The agent's event log: every state change, with its code, goes to the log file, the event stream
// (`status --watch`, the web console) and the alert channels, from this one place.
import type { AgentEvent } from '../core/status.js';

export type EventInput = Omit<AgentEvent, 'id' | 'at' | 'node'>;

export class EventLog {
  private ring: AgentEvent[] = [];
  private nextId = 1;
  private listeners = new Set<(e: AgentEvent) => void>();

  constructor(
    private readonly node: string,
    private readonly capacity = 1000,
    private readonly wallClock: () => Date = () => new Date(),
  ) {}

  emit(input: EventInput): AgentEvent {
    const e: AgentEvent = { id: this.nextId++, at: this.wallClock().toISOString(), node: this.node, ...input };
    this.ring.push(e);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A broken listener (a closed stream) must not stop the others.
      }
    }
    return e;
  }

  recent(sinceId?: number): AgentEvent[] {
    return sinceId === undefined ? [...this.ring] : this.ring.filter((e) => e.id > sinceId);
  }

  subscribe(listener: (e: AgentEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
