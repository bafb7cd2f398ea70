import { expect, it } from 'vitest';
import { runMain } from '../cli/run-main.js';

it('explains a code in English', async () => {
  const r = await runMain(['explain', 'RHA-E1001', '--lang', 'en']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^RHA-E1001  The config file is not valid TOML\n\nCause: .+\nRemedy: .+/);
});

it('explains a code in Chinese, chosen by --lang or by LANG', async () => {
  const byFlag = await runMain(['explain', 'RHA-W1001', '--lang', 'zh-CN']);
  expect(byFlag.stdout).toMatch(/^RHA-W1001  未配置磁盘心跳\n\n原因：?: ?.+\n解决办法: .+/);
  const byEnv = await runMain(['explain', 'rha-w1001'], { env: { LANG: 'zh_CN.UTF-8' } });
  expect(byEnv.stdout).toBe(byFlag.stdout);
});

it('--json carries the texts', async () => {
  const j = JSON.parse((await runMain(['explain', 'RHA-E1005', '--json', '--lang', 'en'])).stdout);
  expect(j).toMatchObject({ schemaVersion: 1, code: 'RHA-E1005', lang: 'en', title: 'Config file not found' });
});

it('an unknown code is a clear usage error (RHA-E1011, exit 2)', async () => {
  const r = await runMain(['explain', 'RHA-E9998']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^error RHA-E1011 unknown code "RHA-E9998"/);
});
