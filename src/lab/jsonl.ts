// Reads a JSON-lines file that another process keeps appending to: each call returns the complete
// lines written since the last call (a half-written last line waits for the next call).
import { open } from 'node:fs/promises';

export class JsonlTail<T = unknown> {
  private offset = 0;
  private pending = '';
  constructor(readonly file: string) {}

  async read(): Promise<T[]> {
    let handle;
    try {
      handle = await open(this.file, 'r');
    } catch {
      return []; // not created yet
    }
    try {
      const out: T[] = [];
      for (;;) {
        const buf = Buffer.alloc(256 * 1024);
        const { bytesRead } = await handle.read(buf, 0, buf.length, this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        this.pending += buf.subarray(0, bytesRead).toString('utf8');
      }
      const lines = this.pending.split('\n');
      this.pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          out.push(JSON.parse(line) as T);
        } catch {
          // A line we cannot parse is not ours to interpret (a Node warning on the same stream).
        }
      }
      return out;
    } finally {
      await handle.close();
    }
  }
}
