// powershell.exe writes its error stream as "#< CLIXML" XML when stderr is redirected. We never
// parse it for decisions (the JSON line on stdout decides); this only makes it readable in logs.

const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

export function clixmlToText(stderr: string): string {
  if (!stderr.includes('#< CLIXML')) return stderr.trim();
  const lines: string[] = [];
  for (const m of stderr.matchAll(/<S S="(?:Error|Warning)">([\s\S]*?)<\/S>/g)) {
    const text = (m[1] ?? '')
      .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/&(lt|gt|amp|quot|apos);/g, (e) => entities[e] ?? e);
    lines.push(text);
  }
  return lines.join('').trim();
}
