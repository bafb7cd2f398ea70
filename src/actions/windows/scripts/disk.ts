// Shared-disk scripts: find the disk by UniqueId (disk numbers change across reboots), bring it
// online read-write and wait for its volume, or flush and take it offline read-only.
// Recipes: shared/reference/windows-actions.md §3. Unverified on Windows: every script here.
import { defineScript } from '../powershell/script.js';

// The disk by exact UniqueId (Where-Object -eq: no wildcard matching of the configured value).
const findDisk = `  $disks = @(Get-Disk | Where-Object { $_.UniqueId -eq [string]$a.uniqueId })
  if ($disks.Count -gt 1) { Fail 'disk-ambiguous' ('more than one disk has UniqueId ' + [string]$a.uniqueId) }`;

/** Args: {uniqueId, driveLetter, waitMs}. */
export const diskOnline = defineScript(
  'disk-online',
  'Get-Disk | Where-Object UniqueId; Set-Disk -IsReadOnly $false; Set-Disk -IsOffline $false; wait for the volume and its drive letter',
  `${findDisk}
  if ($disks.Count -eq 0) { Fail 'disk-not-found' ('no disk has UniqueId ' + [string]$a.uniqueId) }
  $d = $disks[0]
  if ($d.IsClustered) { Fail 'disk-clustered' 'the disk is managed by Windows Failover Clustering' }
  if ([string]$d.OfflineReason -eq 'Collision') { Fail 'disk-collision' 'the disk stays offline because its signature collides with another disk' }
  $letter = ([string]$a.driveLetter).Substring(0, 1).ToUpperInvariant()
  # Read-only first: a volume that mounts while the disk is still read-only may mount read-only.
  if ($d.IsReadOnly) { $d | Set-Disk -IsReadOnly $false }
  if ($d.IsOffline) { $d | Set-Disk -IsOffline $false }
  # Volumes surface asynchronously (PnP) after the disk comes online.
  $sw = [Diagnostics.Stopwatch]::StartNew()
  $found = $null
  $assigned = $false
  while ($true) {
    $vols = @(Get-Disk | Where-Object { $_.UniqueId -eq [string]$a.uniqueId } | Get-Partition -ErrorAction SilentlyContinue | ForEach-Object {
      $p = $_
      $v = $p | Get-Volume -ErrorAction SilentlyContinue
      if ($v -and $v.FileSystem) { [pscustomobject]@{ partition = $p; volume = $v } }
    })
    $found = @($vols | Where-Object { [string]$_.volume.DriveLetter -eq $letter }) | Select-Object -First 1
    if ($found) { break }
    # Windows usually remembers the letter (MountedDevices); when the only data volume came back
    # without one, give it the configured letter once, unless another volume holds that letter.
    if (-not $assigned -and $vols.Count -eq 1 -and -not [char]::IsLetter([char]$vols[0].volume.DriveLetter)) {
      if (Get-Volume -DriveLetter $letter -ErrorAction SilentlyContinue) { Fail 'letter-in-use' ('drive letter ' + $letter + ': belongs to another volume') }
      $vols[0].partition | Set-Partition -NewDriveLetter $letter
      $assigned = $true
      continue
    }
    if ($sw.ElapsedMilliseconds -ge [int]$a.waitMs) { Fail 'volume-timeout' ('the volume ' + $letter + ': did not appear within ' + [int]$a.waitMs + ' ms') }
    Start-Sleep -Milliseconds 250
  }
  $d = Get-Disk | Where-Object { $_.UniqueId -eq [string]$a.uniqueId } | Select-Object -First 1
  [pscustomobject]@{
    number = $d.Number
    isOffline = [bool]$d.IsOffline
    isReadOnly = [bool]$d.IsReadOnly
    driveLetter = $letter
    fileSystem = [string]$found.volume.FileSystem
    healthStatus = [string]$found.volume.HealthStatus
    letterAssigned = $assigned
    waitedMs = $sw.ElapsedMilliseconds
  }`,
);

/** Args: {uniqueId, setReadOnly}. A disk this node cannot see is not online here: success. */
export const diskOffline = defineScript(
  'disk-offline',
  'Get-Disk | Where-Object UniqueId; Write-VolumeCache (each volume); Set-Disk -IsOffline $true; Set-Disk -IsReadOnly $true',
  `${findDisk}
  if ($disks.Count -eq 0) { return [pscustomobject]@{ found = $false; flushed = 0; isOffline = $null; isReadOnly = $null } }
  $d = $disks[0]
  if ($d.IsClustered) { Fail 'disk-clustered' 'the disk is managed by Windows Failover Clustering' }
  $flushed = 0
  if (-not $d.IsOffline) {
    # Flush every file system on the disk before it goes away (Write-VolumeCache: Server 2012+).
    foreach ($v in @($d | Get-Partition -ErrorAction SilentlyContinue | Get-Volume -ErrorAction SilentlyContinue | Where-Object { $_.FileSystem })) {
      $v | Write-VolumeCache
      $flushed++
    }
    $d | Set-Disk -IsOffline $true
  }
  if ($a.setReadOnly -and -not $d.IsReadOnly) { $d | Set-Disk -IsReadOnly $true }
  $d = Get-Disk | Where-Object { $_.UniqueId -eq [string]$a.uniqueId } | Select-Object -First 1
  [pscustomobject]@{ found = $true; flushed = $flushed; isOffline = [bool]$d.IsOffline; isReadOnly = [bool]$d.IsReadOnly }`,
);

/** Args: {uniqueId, driveLetter}. Cmdlet property names as Get-Disk / Get-Volume print them. */
export const diskStatus = defineScript(
  'disk-status',
  'Get-Disk | Where-Object UniqueId | Get-Partition | Get-Volume',
  `${findDisk}
  if ($disks.Count -eq 0) { return [pscustomobject]@{ disk = $null; volume = $null } }
  $d = $disks[0]
  $letter = ([string]$a.driveLetter).Substring(0, 1).ToUpperInvariant()
  $vol = $null
  if (-not $d.IsOffline) {
    $v = $d | Get-Partition -ErrorAction SilentlyContinue | Get-Volume -ErrorAction SilentlyContinue | Where-Object { [string]$_.DriveLetter -eq $letter } | Select-Object -First 1
    if ($v) { $vol = $v | Select-Object @{ n = 'DriveLetter'; e = { [string]$_.DriveLetter } }, 'FileSystem', @{ n = 'HealthStatus'; e = { [string]$_.HealthStatus } }, @{ n = 'OperationalStatus'; e = { [string]$_.OperationalStatus } } }
  }
  $disk = $d | Select-Object 'Number', 'UniqueId', 'IsOffline', @{ n = 'OfflineReason'; e = { [string]$_.OfflineReason } }, 'IsReadOnly', @{ n = 'OperationalStatus'; e = { [string]$_.OperationalStatus } }, 'IsClustered'
  [pscustomobject]@{
    disk = $disk
    volume = $vol
  }`,
);
