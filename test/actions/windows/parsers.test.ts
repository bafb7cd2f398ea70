// Parser tests: the JSON our scripts print, in the shapes the cmdlets really give under Windows
// PowerShell 5.1 (enum numbers when a cast is missed, one object instead of a list, the
// {"value":[...],"Count":n} array wrapper, null for an empty pipeline). Shapes are from the
// cited Microsoft documentation and shared/reference/windows-actions.md; none was captured on a
// real Windows machine here (unverified on Windows).
import { describe, expect, it } from 'vitest';
import { diskStatusData, ipAddData, ipStatusData, serviceStatusData, psList } from '../../../src/actions/windows/parsers.js';
import { parseEnvelope, parseData } from '../../../src/actions/windows/powershell/host.js';
import { clixmlToText } from '../../../src/actions/windows/powershell/clixml.js';
import * as v from 'valibot';

const data = (line: string) => parseEnvelope('t', line, 0).ok && (parseEnvelope('t', line, 0) as { data: unknown }).data;

describe('Get-NetIPAddress (ip-status)', () => {
  // https://learn.microsoft.com/powershell/module/nettcpip/get-netipaddress — properties IPAddress,
  // InterfaceAlias, InterfaceIndex, PrefixLength, AddressState, SkipAsSource, Store; AddressState
  // values per https://learn.microsoft.com/powershell/module/nettcpip/set-netipaddress.
  const one = '{"IPAddress":"10.0.0.100","InterfaceAlias":"Ethernet 2","InterfaceIndex":12,"PrefixLength":24,"AddressState":"Preferred","SkipAsSource":true,"Store":"ActiveStore"}';
  it('a list of addresses', () => {
    const s = parseData('ip-status', ipStatusData, data(`{"ok":true,"data":{"address":"10.0.0.100","addresses":[${one}]}}`));
    expect(s.addresses).toEqual([{ IPAddress: '10.0.0.100', InterfaceAlias: 'Ethernet 2', InterfaceIndex: 12, PrefixLength: 24, AddressState: 'Preferred', SkipAsSource: true, Store: 'ActiveStore' }]);
  });
  it('5.1 quirks: a single object, enum numbers, the {value,Count} wrapper, null', () => {
    const single = parseData('ip-status', ipStatusData, { address: 'x', addresses: JSON.parse(one) });
    expect(single.addresses).toHaveLength(1);
    const uncast = JSON.parse(one.replace('"Preferred"', '2').replace('"ActiveStore"', '1'));
    const numbers = parseData('ip-status', ipStatusData, { address: 'x', addresses: { value: [uncast], Count: 1 } });
    expect(numbers.addresses[0]).toMatchObject({ AddressState: 'Duplicate', Store: 'ActiveStore' });
    expect(parseData('ip-status', ipStatusData, { address: 'x', addresses: null }).addresses).toEqual([]);
  });
  it('ip-add result with DAD state as a number (Tentative = 1)', () => {
    const r = parseData('ip-add', ipAddData, { address: 'a', interfaceIndex: 12, state: 1, skipAsSource: true, store: 'ActiveStore', created: true, removed: true, waitedMs: 8000, arp: null });
    expect(r.state).toBe('Tentative');
    expect(r.arp).toBe('');
  });
});

describe('Get-Service (service-status)', () => {
  // https://learn.microsoft.com/powershell/module/microsoft.powershell.management/get-service and
  // ServiceControllerStatus https://learn.microsoft.com/dotnet/api/system.serviceprocess.servicecontrollerstatus
  // (Stopped=1 … Running=4), ServiceStartMode https://learn.microsoft.com/dotnet/api/system.serviceprocess.servicestartmode.
  it('cast strings', () => {
    const s = parseData('service-status', serviceStatusData, data('{"ok":true,"data":{"name":"Spooler","service":{"Name":"Spooler","DisplayName":"Print Spooler","Status":"Running","StartType":"Automatic"}}}'));
    expect(s.service).toEqual({ Name: 'Spooler', DisplayName: 'Print Spooler', Status: 'Running', StartType: 'Automatic' });
  });
  it('uncast 5.1 output: Status 4, StartType 3', () => {
    const s = parseData('service-status', serviceStatusData, { name: 'Spooler', service: { Name: 'Spooler', DisplayName: 'Print Spooler', Status: 4, StartType: 3 } });
    expect(s.service).toMatchObject({ Status: 'Running', StartType: 'Manual' });
  });
  it('no such service: null', () => {
    expect(parseData('service-status', serviceStatusData, { name: 'nope', service: null }).service).toBeNull();
  });
});

describe('Get-Disk / Get-Volume (disk-status)', () => {
  // https://learn.microsoft.com/powershell/module/storage/get-disk ; MSFT_Disk OfflineReason
  // (Policy=1 … Collision=4) https://learn.microsoft.com/windows-hardware/drivers/storage/msft-disk ;
  // https://learn.microsoft.com/powershell/module/storage/get-volume (DriveLetter is a [char]).
  it('online with its volume', () => {
    const s = parseData('disk-status', diskStatusData, data('{"ok":true,"data":{"disk":{"Number":2,"UniqueId":"6000C29F3B5E","IsOffline":false,"OfflineReason":"","IsReadOnly":false,"OperationalStatus":"Online","IsClustered":false},"volume":{"DriveLetter":"e","FileSystem":"NTFS","HealthStatus":"Healthy","OperationalStatus":"OK"}}}'));
    expect(s.volume?.DriveLetter).toBe('E');
  });
  it('offline by policy as an enum number, no letter as \\u0000, Number null', () => {
    const s = parseData('disk-status', diskStatusData, {
      disk: { Number: null, UniqueId: 'x', IsOffline: true, OfflineReason: 1, IsReadOnly: true, OperationalStatus: ['Offline'], IsClustered: false },
      volume: { DriveLetter: '\u0000', FileSystem: 'NTFS', HealthStatus: 0, OperationalStatus: 2 },
    });
    expect(s.disk?.OfflineReason).toBe('Policy');
    expect(s.volume?.DriveLetter).toBe('');
  });
  it('a wrong shape is RHA-E3504, naming where', () => {
    expect(() => parseData('disk-status', diskStatusData, { disk: { IsOffline: 'no' } })).toThrow(
      expect.objectContaining({ code: 'RHA-E3504', message: expect.stringContaining('unexpected shape: disk.IsOffline: ') }),
    );
  });
  it('an array is not an object, even where every key may be missing', () => {
    expect(() => parseData('disk-status', diskStatusData, [])).toThrow(expect.objectContaining({ code: 'RHA-E3504' }));
    expect(() => parseData('disk-status', diskStatusData, { volume: [] })).toThrow(expect.objectContaining({ code: 'RHA-E3504' }));
  });
});

describe('the envelope', () => {
  it('empty output, non-JSON, or an exit code that disagrees is RHA-E3501', () => {
    for (const [out, code] of [['', 0], ['garbage', 0], ['{"ok":true,"data":1}', 1], ['{"ok":false,"error":"x"}', 0], ['{"ok":true,"data":1}', -1073741510]] as const) {
      expect(() => parseEnvelope('t', out, code)).toThrow(expect.objectContaining({ code: 'RHA-E3501' }));
    }
  });
  it('takes the last line (a cmdlet may have written to the host first)', () => {
    expect(parseEnvelope('t', 'WARNING: something\r\n{"ok":true,"data":{"a":1}}\r\n', 0)).toMatchObject({ ok: true, data: { a: 1 } });
  });
  it('psList normalizes every 5.1 list shape', () => {
    const l = psList(v.number());
    expect([null, 3, [1, 2], { value: [4], Count: 1 }, ''].map((x) => v.parse(l, x))).toEqual([[], [3], [1, 2], [4], []]);
  });
  it('CLIXML stderr becomes readable text', () => {
    const clixml = '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">Get-Disk : Access denied_x000D__x000A_</S><S S="Error">At line:1 &lt;here&gt;_x000D__x000A_</S></Objs>';
    expect(clixmlToText(clixml)).toBe('Get-Disk : Access denied\r\nAt line:1 <here>');
  });
});
