// The fixed PowerShell text every roseha script starts with, and the two wrappers (one command per
// call, or a request loop). Nothing here is ever built from user values: those arrive at run time
// as JSON data (ROSEHA_ARGS or a request line) and are bound to cmdlet parameters as values.
//
// Written for Windows PowerShell 5.1. The TypeScript template literals below contain no backticks
// and no "${": PowerShell's escape character and TypeScript interpolation never meet.

/** Shared start: stop on any error, no progress records (they reach stderr as CLIXML), UTF-8 out. */
export const prologue = `$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }
# Windows PowerShell 5.1 keeps ETS type data on System.Array that makes ConvertTo-Json write an array
# that went through the pipeline as {"value":[...],"Count":n}; without it arrays are plain JSON arrays.
Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue
function Fail {
  param([string]$Reason, [string]$Message)
  $ex = New-Object System.Exception $Message
  $ex.Data['roseha'] = $Reason
  throw $ex
}
function Write-RosehaJson {
  param($Value)
  [Console]::Out.WriteLine((ConvertTo-Json -InputObject $Value -Compress -Depth 6))
  [Console]::Out.Flush()
}
function ConvertTo-RosehaError {
  param($Record, $Id)
  $ex = $Record.Exception
  $root = $ex
  while ($root.InnerException) { $root = $root.InnerException }
  $reason = ''
  foreach ($e in @($ex, $root)) { if ($e.Data -and $e.Data.Contains('roseha')) { $reason = [string]$e.Data['roseha'] } }
  $win32 = $null
  if ($root -is [System.ComponentModel.Win32Exception]) { $win32 = $root.NativeErrorCode }
  [pscustomobject]@{
    id = $Id
    ok = $false
    reason = $reason
    error = [string]$root.Message
    type = $root.GetType().FullName
    fqid = [string]$Record.FullyQualifiedErrorId
    category = [string]$Record.CategoryInfo.Category
    hresult = [int]$root.HResult
    win32 = $win32
  }
}
`;

/** One script per call: arguments from ROSEHA_ARGS, one JSON line out, exit 0 or 1. */
export function perCallScript(name: string, body: string): string {
  return `# roseha-script: ${name}
${prologue}$body = {
  param($a)
${body}
}
try {
  $a = [Environment]::GetEnvironmentVariable('ROSEHA_ARGS') | ConvertFrom-Json
  $r = & $body $a
  Write-RosehaJson ([pscustomobject]@{ ok = $true; data = $r })
  exit 0
} catch {
  Write-RosehaJson (ConvertTo-RosehaError $_ $null)
  exit 1
}
`;
}

/**
 * A request loop: one JSON request per stdin line ({"id":..,"op":..,"args":{..}}), one JSON response
 * line per request. The op name only selects a script block from a fixed table; request text is
 * never evaluated. The loop is one script (not a "-Command -" REPL), so the statement-by-statement
 * quirks of interactive input do not apply.
 */
export function requestLoop(name: string, table: string, setup = ''): string {
  return `# roseha-script: ${name}
${prologue}${setup}$ops = @{
${table}
}
while ($true) {
  $line = [Console]::In.ReadLine()
  if ($null -eq $line) { break }
  if ($line.Trim().Length -eq 0) { continue }
  $id = $null
  try {
    $req = $line | ConvertFrom-Json
    $id = $req.id
    $op = [string]$req.op
    if (-not $ops.ContainsKey($op)) { Fail 'unknown-op' ('unknown op: ' + $op) }
    $r = & $ops[$op] $req.args
    Write-RosehaJson ([pscustomobject]@{ id = $id; ok = $true; data = $r })
  } catch {
    Write-RosehaJson (ConvertTo-RosehaError $_ $id)
  }
}
exit 0
`;
}
