// User-process scripts: start detached through Win32_Process.Create (the child belongs to the WMI
// provider host, not to us: no inherited pipes, outside the agent's job object), record pid and
// creation time in a pid file, and tell a live process from a reused pid by its creation time.
// Stopping uses taskkill from Node (argv), see ../process.ts. Recipes: windows-actions.md §6.
// Unverified on Windows: every script here.
import { defineScript } from '../powershell/script.js';

// The tracked process: null without a pid file; alive only when the pid still names the process
// we started (same creation time), so a reused pid reads as "gone".
const tracked = `  function Get-RosehaTracked {
    param([string]$PidFile)
    if (-not (Test-Path -LiteralPath $PidFile -PathType Leaf)) { return $null }
    try { $rec = [IO.File]::ReadAllText($PidFile) | ConvertFrom-Json } catch { return $null }
    $procId = [int]$rec.pid
    $p = $null
    if ($procId -gt 0) { $p = Get-CimInstance -ClassName Win32_Process -Filter ('ProcessId=' + $procId) -ErrorAction SilentlyContinue }
    $created = ''
    if ($p) { $created = $p.CreationDate.ToUniversalTime().ToString('o') }
    [pscustomobject]@{ pid = $procId; recorded = [string]$rec.created; created = $created; alive = ($created -ne '' -and $created -eq [string]$rec.created) }
  }`;

/** Args: {commandLine, cwd, env, pidFile, settleMs}. commandLine is quoted by Node (MSVCRT rules). */
export const processStart = defineScript(
  'process-start',
  'Invoke-CimMethod Win32_Process Create (detached, own environment block); write the pid file',
  `${tracked}
  $pidFile = [string]$a.pidFile
  $t = Get-RosehaTracked $pidFile
  if ($t -and $t.alive) { return [pscustomobject]@{ pid = $t.pid; created = $t.created; alreadyRunning = $true; alive = $true } }
  # The whole environment block: ours (minus ROSEHA_ARGS) with the configured variables on top.
  $merged = @{}
  $current = [Environment]::GetEnvironmentVariables()
  foreach ($k in $current.Keys) { $merged[[string]$k] = [string]$current[$k] }
  $merged.Remove('ROSEHA_ARGS')
  if ($a.env) { foreach ($p in $a.env.PSObject.Properties) { $merged[$p.Name] = [string]$p.Value } }
  $block = @($merged.Keys | Sort-Object | ForEach-Object { $_ + '=' + $merged[$_] })
  # CreateFlags 0x01000000 = CREATE_BREAKAWAY_FROM_JOB (else the provider host's job limits it); ShowWindow 0 = hidden.
  $startup = New-CimInstance -ClassName Win32_ProcessStartup -ClientOnly -Property @{ ShowWindow = [uint16]0; CreateFlags = [uint32]16777216; EnvironmentVariables = [string[]]$block }
  $call = @{ CommandLine = [string]$a.commandLine; ProcessStartupInformation = $startup }
  if ($a.cwd) { $call.CurrentDirectory = [string]$a.cwd }
  $res = Invoke-CimMethod -ClassName Win32_Process -MethodName Create -Arguments $call
  if ($res.ReturnValue -ne 0) { Fail 'process-create-failed' ('Win32_Process.Create returned ' + $res.ReturnValue) }
  $procId = [int]$res.ProcessId
  $p = Get-CimInstance -ClassName Win32_Process -Filter ('ProcessId=' + $procId) -ErrorAction SilentlyContinue
  $created = ''
  if ($p) { $created = $p.CreationDate.ToUniversalTime().ToString('o') }
  $dir = [IO.Path]::GetDirectoryName($pidFile)
  if ($dir) { [void][IO.Directory]::CreateDirectory($dir) }
  $tmp = $pidFile + '.tmp'
  [IO.File]::WriteAllText($tmp, (ConvertTo-Json -InputObject ([pscustomobject]@{ pid = $procId; created = $created }) -Compress))
  Move-Item -LiteralPath $tmp -Destination $pidFile -Force
  # A program that exits at once (bad arguments, missing DLL) must not count as started.
  Start-Sleep -Milliseconds ([int]$a.settleMs)
  $t = Get-RosehaTracked $pidFile
  [pscustomobject]@{ pid = $procId; created = $created; alreadyRunning = $false; alive = [bool]($t -and $t.alive) }`,
);

/** Args: {pidFile}. */
export const processStatus = defineScript(
  'process-status',
  'read the pid file; Get-CimInstance Win32_Process (pid and creation time)',
  `${tracked}
  $t = Get-RosehaTracked ([string]$a.pidFile)
  if (-not $t) { return [pscustomobject]@{ tracked = $false; pid = 0; alive = $false; created = ''; recorded = '' } }
  [pscustomobject]@{ tracked = $true; pid = $t.pid; alive = [bool]$t.alive; created = $t.created; recorded = $t.recorded }`,
);

/** Args: {pidFile, waitMs}. Waits for the tracked process to end; removes the pid file once it has. */
export const processWait = defineScript(
  'process-wait',
  'poll Win32_Process until the tracked process is gone; remove the pid file',
  `${tracked}
  $pidFile = [string]$a.pidFile
  $sw = [Diagnostics.Stopwatch]::StartNew()
  while ($true) {
    $t = Get-RosehaTracked $pidFile
    if (-not $t -or -not $t.alive) { break }
    if ($sw.ElapsedMilliseconds -ge [int]$a.waitMs) { break }
    Start-Sleep -Milliseconds 200
  }
  $gone = (-not $t) -or (-not $t.alive)
  if ($gone -and (Test-Path -LiteralPath $pidFile)) { Remove-Item -LiteralPath $pidFile -Force }
  [pscustomobject]@{ gone = [bool]$gone; waitedMs = $sw.ElapsedMilliseconds }`,
);
