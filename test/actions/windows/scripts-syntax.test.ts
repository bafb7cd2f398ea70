// Every PowerShell script roseha can send to Windows parses without an ERROR or MISSING node.
import { describe, expect, it } from 'vitest';
import { perCallScripts } from '../../../src/actions/windows/scripts/index.js';
import { powershellSyntaxProblems } from './ps-syntax.js';

describe('PowerShell scripts parse with tree-sitter-powershell', () => {
  it('the checker itself rejects broken PowerShell', async () => {
    expect(await powershellSyntaxProblems('if ($x { Write-Output 1 }')).not.toEqual([]);
    expect(await powershellSyntaxProblems("$h = @{ a = 1\n")).not.toEqual([]);
    expect(await powershellSyntaxProblems("try { 1 } catch { 2 }\n")).toEqual([]);
  });

  for (const script of perCallScripts) {
    it(`${script.name} has no syntax error`, async () => {
      expect(await powershellSyntaxProblems(script.text)).toEqual([]);
    });
  }
});
