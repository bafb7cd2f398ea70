// The alert scripts for Windows PowerShell 5.1: constant text, the alert's values only as JSON in
// ROSEHA_ARGS (never pasted into the script). Unverified on Windows: golden- and syntax-tested here.
import { defineScript } from '../../actions/windows/powershell/script.js';

export const beepScript = defineScript(
  'alert-sound',
  '[console]::Beep / System.Media.SoundPlayer.PlaySync',
  `  if ($a.file) {
    $player = New-Object System.Media.SoundPlayer ([string]$a.file)
    $player.PlaySync()
    [pscustomobject]@{ played = [string]$a.file }
  } else {
    [console]::Beep(880, 300)
    [console]::Beep(660, 300)
    [console]::Beep(880, 300)
    [pscustomobject]@{ played = 'beep' }
  }`,
);

/** The source is registered by `roseha service install` (New-EventLog needs an administrator). */
export const eventLogScript = defineScript(
  'alert-eventlog',
  'Write-EventLog -LogName Application -Source roseha',
  `  Write-EventLog -LogName Application -Source 'roseha' -EventId ([int]$a.id) -EntryType ([string]$a.type) -Message ([string]$a.message)
  [pscustomobject]@{ written = $true }`,
);

export const registerEventSourceScript = defineScript(
  'register-event-source',
  'New-EventLog -LogName Application -Source roseha',
  `  $exists = [Diagnostics.EventLog]::SourceExists('roseha')
  if (-not $exists) { New-EventLog -LogName Application -Source 'roseha' }
  [pscustomobject]@{ created = (-not $exists) }`,
);
