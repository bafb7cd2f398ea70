import { expect, it } from 'vitest';
import { locateConfig, defaultConfigPath } from '../../src/config/locate.js';

it('--config wins, then ROSEHA_CONFIG, then the platform default', () => {
  expect(locateConfig('/x.toml', { ROSEHA_CONFIG: '/y.toml' }, 'linux')).toBe('/x.toml');
  expect(locateConfig(undefined, { ROSEHA_CONFIG: '/y.toml' }, 'linux')).toBe('/y.toml');
  expect(locateConfig(undefined, {}, 'linux')).toBe('/etc/roseha/roseha.toml');
  expect(defaultConfigPath({ ProgramData: 'D:\\PD' }, 'win32')).toMatch(/^D:\\PD.roseha.roseha\.toml$/);
});
