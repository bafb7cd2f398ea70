import { describe, it, expect } from 'vitest';
import { commandsFor } from '../../src/actions/dryrun.js';
import { driversFor } from '../../src/actions/index.js';
import { group } from './helpers.js';
import { formatCommand } from '../../src/platform/types.js';
import { garpSpec } from '../../src/actions/linux/garp.js';

const erp = group([
  { type: 'volume', name: 'erp-data', disk: '/dev/sdb1', mount: '/srv/erp', fstype: 'ext4' },
  { type: 'ip', name: 'erp-ip', address: '10.0.0.100/24', interface: 'eth0' },
  { type: 'service', name: 'erp-db', service: 'postgresql.service' },
  { type: 'process', name: 'erp-app', command: ['/opt/erp/bin/server', '--port', '8080'], cwd: '/opt/erp' },
  { type: 'script', name: 'erp-check', path: '/opt/erp/ha.sh', args: ['prod'] },
]);

describe('dry run (commandsFor)', () => {
  it('start: the exact OS commands, in resource order, each tagged with its resource', async () => {
    const plan = await commandsFor('start', 'erp', erp, { platform: 'linux', drivers: await driversFor('linux') });
    expect(plan.error).toBeUndefined();
    expect(plan.steps.map((s) => `${s.resource}: ${s.text}`)).toEqual([
      'erp-data: blockdev --setrw /dev/sdb1',
      'erp-data: mount -t ext4 /dev/sdb1 /srv/erp',
      'erp-ip: ip addr add 10.0.0.100/24 dev eth0',
      `erp-ip: echo go | setsid ${formatCommand(garpSpec('eth0', '10.0.0.100'))} >>/dev/null 2>&1 &`,
      'erp-db: systemctl start postgresql.service',
      'erp-app: cd /opt/erp && setsid /opt/erp/bin/server --port 8080 >>/var/lib/roseha/process/erp-app.log 2>&1 &',
      'erp-app: # write pid file /var/lib/roseha/process/erp-app.pid',
      'erp-check: /opt/erp/ha.sh start prod',
    ]);
  });

  it('stop: the reverse order, assuming everything runs', async () => {
    const plan = await commandsFor('stop', 'erp', erp, { platform: 'linux', drivers: await driversFor('linux') });
    expect(plan.steps.map((s) => `${s.resource}: ${s.text}`)).toEqual([
      'erp-check: /opt/erp/ha.sh stop prod',
      `erp-app: kill -TERM -- -"$(cut -d' ' -f1 /var/lib/roseha/process/erp-app.pid)"`,
      `erp-app: kill -KILL -- -"$(cut -d' ' -f1 /var/lib/roseha/process/erp-app.pid)"`,
      'erp-app: rm -f /var/lib/roseha/process/erp-app.pid',
      'erp-db: systemctl stop postgresql.service',
      'erp-ip: ip addr del 10.0.0.100/24 dev eth0',
      'erp-data: umount /srv/erp',
      'erp-data: blockdev --setro /dev/sdb1',
    ]);
  });

  it('with queries: the state checks appear before the actions, marked as queries', async () => {
    const plan = await commandsFor('start', 'erp', erp, { platform: 'linux', drivers: await driversFor('linux'), queries: true });
    const data = plan.steps.filter((s) => s.resource === 'erp-data');
    expect(data.map((s) => s.kind)).toEqual(['query', 'run', 'run']);
    expect(data[0]?.text).toBe('cat /proc/self/mountinfo');
    const ip = plan.steps.filter((s) => s.resource === 'erp-ip');
    expect(ip.map((s) => `${s.kind}: ${s.text}`)).toEqual([
      'query: cat /sys/class/net/eth0/flags',
      'query: cat /sys/class/net/eth0/carrier',
      'run: ip addr add 10.0.0.100/24 dev eth0',
      `spawn: echo go | setsid ${formatCommand(garpSpec('eth0', '10.0.0.100'))} >>/dev/null 2>&1 &`,
    ]);
  });

  it('user values are quoted for copying, never interpreted', async () => {
    const odd = group([{ type: 'script', name: 's', path: '/opt/x.sh', args: ["a'; rm -rf / #", '$(reboot)'] }]);
    const plan = await commandsFor('start', 'g', odd, { platform: 'linux', drivers: await driversFor('linux') });
    expect(plan.steps.map((s) => s.text)).toEqual([`/opt/x.sh start 'a'\\''; rm -rf / #' '$(reboot)'`]);
  });

  it('the Windows table loads lazily; an unknown platform is a coded error (RHA-E3002)', async () => {
    const win = await driversFor('windows');
    expect(Object.keys(win).sort()).toEqual(['ip', 'process', 'script', 'service', 'volume']);
    expect(win.ip).not.toBe((await driversFor('linux')).ip);
    await expect(driversFor('solaris' as 'linux')).rejects.toMatchObject({ code: 'RHA-E3002' });
  });

  it('the Windows dry run of the README example: disk online, then New-NetIPAddress, then the service', async () => {
    const readme = group([
      { type: 'volume', name: 'erp-data', disk: '6000c29f3b5e', mount: 'E:' },
      { type: 'ip', name: 'erp-ip', address: '10.0.0.100/24', interface: 'Ethernet0' },
      { type: 'service', name: 'erp-db', service: 'MSSQLSERVER' },
    ]);
    const plan = await commandsFor('start', 'erp', readme, { platform: 'windows', drivers: await driversFor('windows') });
    expect(plan.error).toBeUndefined();
    expect([...new Set(plan.steps.map((s) => s.resource))]).toEqual(['erp-data', 'erp-ip', 'erp-db']);
    expect(plan.steps.every((s) => /powershell/i.test(s.text))).toBe(true);
  });
});
