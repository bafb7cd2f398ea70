// The disk heartbeat's raw I/O on Windows: Node cannot hand Windows a sector-aligned buffer for
// FILE_FLAG_NO_BUFFERING, so a small long-lived PowerShell helper does the I/O through P/Invoke
// (CreateFileW with NO_BUFFERING|WRITE_THROUGH, buffers from VirtualAlloc, which are page-aligned)
// and speaks line-JSON: open {path} → {sectorSize}; read {offset,length} → {data: base64};
// write {offset, data: base64} → {written}; close. The device path travels as data in the request,
// never in the script. Unverified on Windows: all of it (reference §4.2–4.4 lists what to check).
import { RosehaError, isRosehaError } from '../../errors.js';
import type { DiskIo } from '../../agent/links/diskio.js';
import { SLOT_BYTES } from '../../agent/links/diskio.js';
import type { InteractiveSpec, Runner } from '../../platform/types.js';
import { encodeScript, powershellExe, powershellFlags } from './powershell/host.js';
import { LineJsonClient } from './powershell/line-client.js';
import { prologue } from './powershell/prologue.js';
import type { PsEnvelope } from './powershell/envelope.js';

export type { DiskIo };

const rawDiskClass = `Add-Type -TypeDefinition @'
using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
public sealed class RosehaRawDisk : IDisposable {
  const uint GENERIC_READ = 0x80000000, GENERIC_WRITE = 0x40000000;
  const uint FILE_SHARE_READ = 1, FILE_SHARE_WRITE = 2, OPEN_EXISTING = 3;
  const uint FILE_FLAG_NO_BUFFERING = 0x20000000, FILE_FLAG_WRITE_THROUGH = 0x80000000;
  const uint MEM_COMMIT = 0x1000, MEM_RESERVE = 0x2000, MEM_RELEASE = 0x8000, PAGE_READWRITE = 4;
  const uint IOCTL_DISK_GET_DRIVE_GEOMETRY = 0x70000;
  [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
  static extern SafeFileHandle CreateFileW(string name, uint access, uint share, IntPtr sa, uint disposition, uint flags, IntPtr template);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern bool SetFilePointerEx(SafeFileHandle h, long distance, out long newPosition, uint method);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern bool ReadFile(SafeFileHandle h, IntPtr buffer, uint count, out uint done, IntPtr overlapped);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern bool WriteFile(SafeFileHandle h, IntPtr buffer, uint count, out uint done, IntPtr overlapped);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern bool DeviceIoControl(SafeFileHandle h, uint code, IntPtr inBuffer, uint inSize, IntPtr outBuffer, uint outSize, out uint returned, IntPtr overlapped);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern IntPtr VirtualAlloc(IntPtr address, UIntPtr size, uint type, uint protect);
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern bool VirtualFree(IntPtr address, UIntPtr size, uint type);

  SafeFileHandle handle;
  // 4096 serves 512-byte and 4K-sector devices alike when the geometry cannot be read (a plain file).
  public int SectorSize = 4096;

  public RosehaRawDisk(string path) {
    handle = CreateFileW(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, IntPtr.Zero, OPEN_EXISTING, FILE_FLAG_NO_BUFFERING | FILE_FLAG_WRITE_THROUGH, IntPtr.Zero);
    if (handle.IsInvalid) throw new Win32Exception(Marshal.GetLastWin32Error());
    // DISK_GEOMETRY: Cylinders (8), MediaType (4), TracksPerCylinder (4), SectorsPerTrack (4), BytesPerSector (4).
    IntPtr geometry = Marshal.AllocHGlobal(24);
    try {
      uint got;
      if (DeviceIoControl(handle, IOCTL_DISK_GET_DRIVE_GEOMETRY, IntPtr.Zero, 0, geometry, 24, out got, IntPtr.Zero) && got >= 24) {
        int bytes = Marshal.ReadInt32(geometry, 20);
        if (bytes > 0) SectorSize = bytes;
      }
    } finally { Marshal.FreeHGlobal(geometry); }
  }

  IntPtr Alloc(int length) {
    IntPtr p = VirtualAlloc(IntPtr.Zero, (UIntPtr)(uint)length, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    if (p == IntPtr.Zero) throw new Win32Exception(Marshal.GetLastWin32Error());
    return p;
  }

  void Seek(long offset) {
    long position;
    if (!SetFilePointerEx(handle, offset, out position, 0)) throw new Win32Exception(Marshal.GetLastWin32Error());
  }

  void Check(long offset, int length) {
    if (length <= 0 || offset < 0 || offset % SectorSize != 0 || length % SectorSize != 0)
      throw new ArgumentException("offset and length must be multiples of the sector size " + SectorSize);
  }

  public byte[] Read(long offset, int length) {
    Check(offset, length);
    IntPtr buffer = Alloc(length);
    try {
      Seek(offset);
      uint done;
      if (!ReadFile(handle, buffer, (uint)length, out done, IntPtr.Zero)) throw new Win32Exception(Marshal.GetLastWin32Error());
      byte[] data = new byte[done];
      Marshal.Copy(buffer, data, 0, (int)done);
      return data;
    } finally { VirtualFree(buffer, UIntPtr.Zero, MEM_RELEASE); }
  }

  public int Write(long offset, byte[] data) {
    Check(offset, data.Length);
    IntPtr buffer = Alloc(data.Length);
    try {
      Marshal.Copy(data, 0, buffer, data.Length);
      Seek(offset);
      uint done;
      if (!WriteFile(handle, buffer, (uint)data.Length, out done, IntPtr.Zero)) throw new Win32Exception(Marshal.GetLastWin32Error());
      return (int)done;
    } finally { VirtualFree(buffer, UIntPtr.Zero, MEM_RELEASE); }
  }

  public void Dispose() { if (handle != null) handle.Dispose(); }
}
'@
`;

export function diskIoHelperScriptText(): string {
  return `# roseha-script: disk-io-helper
${prologue}${rawDiskClass}$disk = $null
while ($true) {
  $line = [Console]::In.ReadLine()
  if ($null -eq $line) { break }
  if ($line.Trim().Length -eq 0) { continue }
  $id = $null
  try {
    $req = $line | ConvertFrom-Json
    $id = $req.id
    $r = $null
    switch ([string]$req.op) {
      'open' {
        if ($disk) { $disk.Dispose(); $disk = $null }
        $disk = [RosehaRawDisk]::new([string]$req.path)
        $r = [pscustomobject]@{ sectorSize = $disk.SectorSize }
      }
      'read' {
        if (-not $disk) { Fail 'not-open' 'the heartbeat device is not open' }
        $bytes = $disk.Read([long]$req.offset, [int]$req.length)
        $r = [pscustomobject]@{ data = [Convert]::ToBase64String($bytes) }
      }
      'write' {
        if (-not $disk) { Fail 'not-open' 'the heartbeat device is not open' }
        $n = $disk.Write([long]$req.offset, [Convert]::FromBase64String([string]$req.data))
        $r = [pscustomobject]@{ written = $n }
      }
      'close' {
        if ($disk) { $disk.Dispose(); $disk = $null }
        $r = [pscustomobject]@{ closed = $true }
      }
      default { Fail 'unknown-op' ('unknown op: ' + [string]$req.op) }
    }
    Write-RosehaJson ([pscustomobject]@{ id = $id; ok = $true; data = $r })
  } catch {
    Write-RosehaJson (ConvertTo-RosehaError $_ $id)
  }
}
if ($disk) { $disk.Dispose() }
exit 0
`;
}

export function diskIoHelperCommand(): InteractiveSpec {
  return { file: powershellExe, args: [...powershellFlags, '-EncodedCommand', encodeScript(diskIoHelperScriptText())] };
}

export interface WindowsDiskIoOptions {
  /** Per request; a hung device is a storage fault, not a reason to wait forever. Default 2000 ms. */
  timeoutMs?: number;
}

export class WindowsDiskIo implements DiskIo {
  private readonly client: LineJsonClient;
  private readonly timeoutMs: number;
  private sectorSize = 0;

  constructor(
    runner: Runner,
    readonly path: string,
    opts: WindowsDiskIoOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? 2000;
    this.client = new LineJsonClient(runner, diskIoHelperCommand(), 'the disk heartbeat helper', {
      unsupported: 'RHA-E3506',
      timeout: 'RHA-E3563',
      exited: 'RHA-E3564',
    });
  }

  mode(): string {
    return this.sectorSize ? `windows-unbuffered/${this.sectorSize}` : 'closed';
  }

  async open(): Promise<void> {
    const data = await this.call({ op: 'open', path: this.path }, 'RHA-E3560');
    const size = Number((data as { sectorSize?: unknown }).sectorSize);
    if (!Number.isInteger(size) || size <= 0 || SLOT_BYTES % size !== 0) {
      throw new RosehaError('RHA-E3560', `the heartbeat device ${this.path} reports a sector size of ${String(size)} bytes, which does not divide ${SLOT_BYTES}`);
    }
    this.sectorSize = size;
  }

  async read(offset: number, length: number): Promise<Buffer> {
    this.checkRange(offset, length);
    const data = await this.call({ op: 'read', offset, length }, 'RHA-E3561');
    const bytes = Buffer.from(String((data as { data?: unknown }).data ?? ''), 'base64');
    if (bytes.length !== length) throw new RosehaError('RHA-E3561', `short read from ${this.path}: ${bytes.length} of ${length} bytes at ${offset}`);
    return bytes;
  }

  async write(offset: number, data: Buffer): Promise<void> {
    this.checkRange(offset, SLOT_BYTES);
    if (data.length > SLOT_BYTES) throw new RosehaError('RHA-E3562', `a disk slot holds ${SLOT_BYTES} bytes, not ${data.length}`);
    const slot = Buffer.alloc(SLOT_BYTES);
    data.copy(slot);
    const out = await this.call({ op: 'write', offset, data: slot.toString('base64') }, 'RHA-E3561');
    if ((out as { written?: unknown }).written !== SLOT_BYTES) throw new RosehaError('RHA-E3561', `short write to ${this.path} at ${offset}`);
  }

  async close(): Promise<void> {
    try {
      if (this.client.running) await this.call({ op: 'close' }, 'RHA-E3561');
    } catch (e) {
      if (!isRosehaError(e)) throw e;
    } finally {
      this.sectorSize = 0;
      this.client.close();
    }
  }

  private checkRange(offset: number, length: number): void {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset % SLOT_BYTES !== 0 || length <= 0 || length > SLOT_BYTES || length % 512 !== 0) {
      throw new RosehaError('RHA-E3562', `unaligned disk heartbeat I/O: offset ${offset}, ${length} bytes`);
    }
  }

  private async call(payload: Record<string, unknown>, failureCode: string): Promise<unknown> {
    const envelope: PsEnvelope = await this.client.request(payload, this.timeoutMs);
    if (!envelope.ok) {
      const win32 = envelope.win32 ? ` (Win32 error ${envelope.win32})` : '';
      throw new RosehaError(failureCode, `disk heartbeat ${String(payload.op)} on ${this.path} failed: ${envelope.error}${win32}`, {
        details: { reason: envelope.reason, type: envelope.type, win32: envelope.win32 },
      });
    }
    return envelope.data;
  }
}
