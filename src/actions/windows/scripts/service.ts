// Windows service scripts. Start-Service and Stop-Service have no timeout and can hang on a
// service stuck in a pending state, so start and stop go through ServiceController with
// WaitForStatus in short slices. Recipes: shared/reference/windows-actions.md §5.
// Unverified on Windows: every script here.
import { defineScript } from '../powershell/script.js';

// The service by exact name: the name is escaped as a wildcard pattern (so * ? [ are literal) and
// compared exactly (Get-Service -Name also matches display names).
const findService = `  $name = [string]$a.name
  $s = @(Get-Service -Name ([Management.Automation.WildcardPattern]::Escape($name)) -ErrorAction SilentlyContinue | Where-Object { $_.Name -eq $name }) | Select-Object -First 1`;

/** Args: {name}. Get-Service's own property names. */
export const serviceStatus = defineScript(
  'service-status',
  'Get-Service -Name',
  `${findService}
  $svc = $null
  if ($s) { $svc = $s | Select-Object 'Name', 'DisplayName', @{ n = 'Status'; e = { [string]$_.Status } }, @{ n = 'StartType'; e = { [string]$_.StartType } } }
  [pscustomobject]@{ name = $name; service = $svc }`,
);

/** Args: {name, timeoutMs}. */
export const serviceStart = defineScript(
  'service-start',
  'Get-Service -Name; Start-Service (ServiceController.Start, then WaitForStatus Running with a timeout)',
  `${findService}
  if (-not $s) { Fail 'service-not-found' ('no service is named ' + $name) }
  if ([string]$s.StartType -eq 'Disabled') { Fail 'service-disabled' ('service ' + $name + ' is disabled') }
  $sw = [Diagnostics.Stopwatch]::StartNew()
  $before = [string]$s.Status
  if ($before -eq 'StopPending') {
    try { $s.WaitForStatus('Stopped', [TimeSpan]::FromMilliseconds([double]$a.timeoutMs)) }
    catch [System.ServiceProcess.TimeoutException] { Fail 'service-start-timeout' ('service ' + $name + ' is still stopping') }
    $s.Refresh()
  }
  if ([string]$s.Status -ne 'Running') {
    if ([string]$s.Status -ne 'StartPending') { $s.Start() }
    while ($true) {
      try { $s.WaitForStatus('Running', [TimeSpan]::FromMilliseconds(500)); break }
      catch [System.ServiceProcess.TimeoutException] { }
      $s.Refresh()
      if ([string]$s.Status -eq 'Stopped') { Fail 'service-start-failed' ('service ' + $name + ' stopped while starting') }
      if ($sw.ElapsedMilliseconds -ge [int]$a.timeoutMs) { Fail 'service-start-timeout' ('service ' + $name + ' is ' + [string]$s.Status + ' after ' + [int]$a.timeoutMs + ' ms') }
    }
  }
  $s.Refresh()
  [pscustomobject]@{ name = $name; before = $before; status = [string]$s.Status; waitedMs = $sw.ElapsedMilliseconds; killed = $false }`,
);

/**
 * Args: {name, timeoutMs, killOnTimeout}. A missing service is not running: success. On timeout the
 * service's process is killed, but only when it hosts this service alone (never a shared svchost).
 */
export const serviceStop = defineScript(
  'service-stop',
  'Get-Service -Name; Stop-Service (ServiceController.Stop, then WaitForStatus Stopped with a timeout; Stop-Process if it hangs)',
  `${findService}
  if (-not $s) { return [pscustomobject]@{ name = $name; before = 'Missing'; status = 'Stopped'; waitedMs = 0; killed = $false } }
  $sw = [Diagnostics.Stopwatch]::StartNew()
  $before = [string]$s.Status
  $killed = $false
  if ($before -ne 'Stopped') {
    # ServiceController.Stop() stops the running dependent services first (.NET Framework docs).
    if ($before -ne 'StopPending') { $s.Stop() }
    $stopped = $false
    while (-not $stopped -and $sw.ElapsedMilliseconds -lt [int]$a.timeoutMs) {
      try { $s.WaitForStatus('Stopped', [TimeSpan]::FromMilliseconds(500)); $stopped = $true }
      catch [System.ServiceProcess.TimeoutException] { }
    }
    if (-not $stopped) {
      if (-not $a.killOnTimeout) { Fail 'service-stop-timeout' ('service ' + $name + ' did not stop within ' + [int]$a.timeoutMs + ' ms') }
      $w = @(Get-CimInstance -ClassName Win32_Service | Where-Object { $_.Name -eq $name }) | Select-Object -First 1
      $procId = [int]$w.ProcessId
      $sharing = @(Get-CimInstance -ClassName Win32_Service -Filter ('ProcessId=' + $procId))
      if ($procId -le 0 -or $sharing.Count -ne 1) { Fail 'service-stop-timeout' ('service ' + $name + ' did not stop and shares its process; not killed') }
      Stop-Process -Id $procId -Force
      $killed = $true
      try { $s.WaitForStatus('Stopped', [TimeSpan]::FromMilliseconds(5000)) }
      catch [System.ServiceProcess.TimeoutException] { Fail 'service-stop-timeout' ('service ' + $name + ' did not stop even after its process was killed') }
    }
  }
  $s.Refresh()
  [pscustomobject]@{ name = $name; before = $before; status = [string]$s.Status; waitedMs = $sw.ElapsedMilliseconds; killed = $killed }`,
);
