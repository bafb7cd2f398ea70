import { afterAll, describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stdSink } from '../../src/cli/std-sink.js';

const dir = mkdtempSync(join(tmpdir(), 'roseha-sink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for process.stdout that records what it is given. */
const recordingStream = () => {
  const written: string[] = [];
  const stream = { write: (chunk: string | Uint8Array) => written.push(Buffer.from(chunk).toString()) } as unknown as NodeJS.WriteStream;
  return { written, stream };
};

describe('stdSink', () => {
  it('writes to a file or pipe directly, without making the stream', () => {
    const fd = openSync(join(dir, 'out.txt'), 'w');
    const sink = stdSink(fd as 1, () => expect.unreachable('no stream for a file'));
    expect(sink.isTTY).toBe(false);
    sink.write('héllo\n');
    sink.write('world\n');
    expect(sink.synchronous).toBe(true);
    closeSync(fd);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('héllo\nworld\n');
  });

  it('hands the rest to the stream on EAGAIN, and everything after it, in order', () => {
    const fd = openSync(join(dir, 'eagain.txt'), 'w');
    const { written, stream } = recordingStream();
    let calls = 0;
    const partialThenEagain = (_fd: number, bytes: Uint8Array, offset?: number) => {
      if (++calls === 1) return 3;
      throw Object.assign(new Error('EAGAIN'), { code: 'EAGAIN', offset });
    };
    const sink = stdSink(fd as 1, () => stream, partialThenEagain as never);
    sink.write('abcdef\n');
    sink.write('next\n');
    closeSync(fd);
    expect(written).toEqual(['def\n', 'next\n']);
    // What went to the stream may still be on its way: the CLI must not exit early (src/cli.ts).
    expect(sink.synchronous).toBe(false);
  });
});
