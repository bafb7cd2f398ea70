import { expect, it } from 'vitest';
import { runMain } from '../cli/run-main.js';

it('version --json gives version, node and platform', async () => {
  const r = await runMain(['version', '--json']);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({ schemaVersion: 1, version: expect.any(String), node: process.versions.node, platform: process.platform, arch: process.arch });
  expect((await runMain(['version'])).stdout).toMatch(new RegExp(`^roseha \\S+ \\(node ${process.versions.node.replace(/\./g, '\\.')}`));
});
