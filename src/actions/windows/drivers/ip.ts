// ip on Windows: New-NetIPAddress in the ActiveStore with SkipAsSource, Duplicate Address
// Detection waited out (Duplicate = another host answers for the address: a split-brain alarm),
// Remove-NetIPAddress from both stores. netsh is not needed: the NetTCPIP cmdlets cover add,
// remove and state (netsh would add localized output and alias quoting problems). Unverified on Windows.
import { RosehaError } from '../../../errors.js';
import type { ResourceConfig } from '../../../config/schema.js';
import type { ResourceDriver } from '../../types.js';
import { runPowerShell } from '../powershell/host.js';
import { ipAdd, ipRemove, ipStatus } from '../scripts/index.js';
import { ipAddData, ipRemoveData, ipStatusData } from '../parsers.js';
import { innerBudget, probe, type WindowsDriverOptions } from './common.js';

type Ip = Extract<ResourceConfig, { type: 'ip' }>;

export function splitCidr(address: string): { address: string; prefixLength: number } {
  const [ip, prefix] = address.split('/');
  return { address: ip ?? address, prefixLength: Number(prefix ?? 32) };
}

const reasons = {
  'address-elsewhere': 'RHA-E3520',
  'interface-dhcp': 'RHA-E3523',
  'interface-not-found': 'RHA-E3524',
};

export function ipDriver(opts: WindowsDriverOptions): ResourceDriver<Ip> {
  return {
    type: 'ip',
    async start(r, ctx) {
      const { address, prefixLength } = splitCidr(r.address);
      const out = await runPowerShell(
        ctx.runner,
        ipAdd,
        { address, prefixLength, interface: r.interface, dadTimeoutMs: innerBudget(ctx.timeoutMs), gateway: ctx.gateway ?? null },
        ipAddData,
        {
          timeoutMs: ctx.timeoutMs,
          reasons: { ...reasons, '*': 'RHA-E3525' },
          dryRunData: { address, interfaceIndex: 0, state: 'Preferred', skipAsSource: true, store: 'ActiveStore', created: true, removed: false, waitedMs: 0, arp: ctx.gateway ? 'sent' : 'skipped' },
        },
      );
      if (out.state === 'Duplicate') {
        throw new RosehaError(
          'RHA-E3521',
          `resource ${r.name}: another host already answers for ${address} (duplicate address detected); possible split brain, the address was removed again`,
          { details: { address, interface: r.interface } },
        );
      }
      if (out.state !== 'Preferred') {
        throw new RosehaError('RHA-E3522', `resource ${r.name}: ${address} stayed ${out.state || 'absent'} (duplicate address detection did not finish); the address was removed again`);
      }
    },
    async stop(r, ctx) {
      const { address } = splitCidr(r.address);
      await runPowerShell(ctx.runner, ipRemove, { address }, ipRemoveData, {
        timeoutMs: ctx.timeoutMs,
        reasons: { '*': 'RHA-E3526' },
        dryRunData: { address, removed: 1 },
      });
    },
    async monitor(r, ctx) {
      const { address } = splitCidr(r.address);
      const s = await probe(ctx, opts, ipStatus, { address }, ipStatusData, {}, {
        absent: { address, addresses: [] },
        present: { address, addresses: [{ IPAddress: address, InterfaceAlias: r.interface, InterfaceIndex: 0, PrefixLength: splitCidr(r.address).prefixLength, AddressState: 'Preferred', SkipAsSource: true, Store: 'ActiveStore' }] },
      });
      if (s.addresses.length === 0) return { status: 'stopped', output: `${address} is not configured` };
      const here = s.addresses.find((a) => a.InterfaceAlias === r.interface);
      if (!here) return { status: 'failed', output: `${address} is on interface ${s.addresses[0]?.InterfaceAlias ?? '?'}, not ${r.interface}` };
      if (here.AddressState === 'Duplicate') return { status: 'failed', output: `${address} is a duplicate: another host answers for it (split brain?)` };
      if (here.AddressState !== 'Preferred') return { status: 'failed', output: `${address} is ${here.AddressState}` };
      return { status: 'running', output: `${address} on ${r.interface}` };
    },
  };
}
