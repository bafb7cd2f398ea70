// Checks of a config against the machine it is read on: the files the agent here would need.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/config/files.js';
import { parseConfigText } from '../../src/config/load.js';

function configWith(dir: string, heartbeat: string) {
  writeFileSync(join(dir, 'cluster.key'), 'k');
  const text = `[cluster]\nname = "x"\n[[node]]\nname = "a"\nprivate = "1.1.1.1"\npublic = "2.2.2.2"\n[[node]]\nname = "b"\nprivate = "1.1.1.2"\npublic = "2.2.2.3"\n[heartbeat]\n${heartbeat}\n`;
  return parseConfigText(text, join(dir, 'roseha.toml')).config!;
}

describe('checkFiles', () => {
  it('a watchdog device missing here is a warning naming the error the agent would stop with', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roseha-files-'));
    expect(checkFiles(configWith(dir, `watchdog = "${join(dir, 'watchdog')}"`))).toEqual([
      expect.objectContaining({ code: 'RHA-W1024', severity: 'warning', where: 'heartbeat.watchdog', message: expect.stringContaining('RHA-E2015') }),
    ]);
  });

  it('a writable watchdog device, and none configured, are fine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roseha-files-'));
    writeFileSync(join(dir, 'watchdog'), '');
    expect(checkFiles(configWith(dir, `watchdog = "${join(dir, 'watchdog')}"`))).toEqual([]);
    expect(checkFiles(configWith(dir, 'port = 7411'))).toEqual([]);
  });
});
