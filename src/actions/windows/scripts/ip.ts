// Virtual IP scripts: New-NetIPAddress in the ActiveStore only (a reboot never brings the address
// back by itself), SkipAsSource so the node's own traffic keeps its primary address, wait out
// Duplicate Address Detection, and refresh the gateway's ARP entry.
// Recipes: shared/reference/windows-actions.md §1. Unverified on Windows: every script here,
// especially the SendARP refresh (§1.5 mitigation 1).
import { defineScript } from '../powershell/script.js';

// SendARP(gateway, VIP): an ARP request whose sender is the VIP and our MAC; under RFC 826's merge
// rule the gateway updates the entry it has. Best effort: a failure never fails the start.
const announce = `  $arp = 'skipped'
  if ($state -eq 'Preferred' -and $a.gateway) {
    try {
      if (-not ('RosehaArp' -as [type])) {
        Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
public static class RosehaArp {
  [DllImport("iphlpapi.dll", ExactSpelling = true)]
  public static extern int SendARP(uint destIp, uint srcIp, byte[] macAddr, ref uint macLen);
}
'@
      }
      $dst = [BitConverter]::ToUInt32(([Net.IPAddress]::Parse([string]$a.gateway)).GetAddressBytes(), 0)
      $src = [BitConverter]::ToUInt32(([Net.IPAddress]::Parse($ip)).GetAddressBytes(), 0)
      $mac = New-Object byte[] 6
      $len = [uint32]6
      $rc = [RosehaArp]::SendARP($dst, $src, $mac, [ref]$len)
      if ($rc -eq 0) { $arp = 'sent' } else { $arp = 'failed: ' + $rc }
    } catch {
      $arp = 'failed: ' + $_.Exception.Message
    }
  }`;

/** Args: {address, prefixLength, interface, dadTimeoutMs, gateway}. */
export const ipAdd = defineScript(
  'ip-add',
  'New-NetIPAddress -SkipAsSource $true -PolicyStore ActiveStore; wait for AddressState Preferred (DAD); SendARP to the gateway',
  `  $ip = [string]$a.address
  # Exact alias match (the -InterfaceAlias parameter would treat * ? [ as wildcards).
  $ifs = @(Get-NetIPInterface -AddressFamily IPv4 | Where-Object { $_.InterfaceAlias -eq [string]$a.interface })
  if ($ifs.Count -eq 0) { Fail 'interface-not-found' ('no IPv4 interface is named ' + [string]$a.interface) }
  $idx = $ifs[0].InterfaceIndex
  if ([string]$ifs[0].Dhcp -eq 'Enabled') { Fail 'interface-dhcp' ('interface ' + [string]$a.interface + ' uses DHCP; a virtual IP needs a static primary address') }
  $cur = @(Get-NetIPAddress -AddressFamily IPv4 -ErrorAction SilentlyContinue | Where-Object { $_.IPAddress -eq $ip })
  if ($cur.Count -gt 0 -and $cur[0].InterfaceIndex -ne $idx) { Fail 'address-elsewhere' ('address ' + $ip + ' is already on interface ' + $cur[0].InterfaceAlias) }
  $created = $false
  if ($cur.Count -eq 0) {
    New-NetIPAddress -InterfaceIndex $idx -IPAddress $ip -PrefixLength ([byte]$a.prefixLength) -AddressFamily IPv4 -SkipAsSource $true -PolicyStore ActiveStore | Out-Null
    $created = $true
  }
  # Duplicate Address Detection: Tentative until the ARP probes are done, then Preferred or Duplicate.
  $sw = [Diagnostics.Stopwatch]::StartNew()
  do {
    $x = @(Get-NetIPAddress -AddressFamily IPv4 -InterfaceIndex $idx -PolicyStore ActiveStore -ErrorAction SilentlyContinue | Where-Object { $_.IPAddress -eq $ip }) | Select-Object -First 1
    if ($x -and [string]$x.AddressState -ne 'Tentative') { break }
    Start-Sleep -Milliseconds 200
  } while ($sw.ElapsedMilliseconds -lt [int]$a.dadTimeoutMs)
  $state = [string]$x.AddressState
  $removed = $false
  if ($x -and $state -ne 'Preferred') {
    # Duplicate: another host answers for the address (split brain). Stuck in DAD: unusable. Never keep it.
    $x | Remove-NetIPAddress -Confirm:$false
    $removed = $true
  }
${announce}
  [pscustomobject]@{
    address = $ip
    interfaceIndex = $idx
    state = $state
    skipAsSource = [bool]$x.SkipAsSource
    store = [string]$x.Store
    created = $created
    removed = $removed
    waitedMs = $sw.ElapsedMilliseconds
    arp = $arp
  }`,
);

/** Args: {address}. Both stores: an address an admin added persistently by hand would return at boot. */
export const ipRemove = defineScript(
  'ip-remove',
  'Remove-NetIPAddress -Confirm:$false from the ActiveStore and the PersistentStore',
  `  $ip = [string]$a.address
  $removed = 0
  foreach ($store in @('ActiveStore', 'PersistentStore')) {
    $x = @(Get-NetIPAddress -AddressFamily IPv4 -PolicyStore $store -ErrorAction SilentlyContinue | Where-Object { $_.IPAddress -eq $ip })
    if ($x.Count -gt 0) {
      $x | Remove-NetIPAddress -Confirm:$false
      $removed += $x.Count
    }
  }
  [pscustomobject]@{ address = $ip; removed = $removed }`,
);

/** Args: {address}. Get-NetIPAddress's own property names. */
export const ipStatus = defineScript(
  'ip-status',
  'Get-NetIPAddress -AddressFamily IPv4 | Where-Object IPAddress',
  `  $ip = [string]$a.address
  $x = @(Get-NetIPAddress -AddressFamily IPv4 -ErrorAction SilentlyContinue | Where-Object { $_.IPAddress -eq $ip } | Select-Object 'IPAddress', 'InterfaceAlias', 'InterfaceIndex', 'PrefixLength', @{ n = 'AddressState'; e = { [string]$_.AddressState } }, 'SkipAsSource', @{ n = 'Store'; e = { [string]$_.Store } })
  [pscustomobject]@{ address = $ip; addresses = @($x) }`,
);
