// The loopback address plan of the two-node clusters that run without namespaces (tests, the
// demo's fallback): node-a and node-b on 127.NET.1.x (private) and 127.NET.2.x (public), so that
// clusters with different NET never share an address.
export function loopbackNodeTables(net: number): string {
  return ['a', 'b']
    .map((n, i) => `[[node]]\nname = "node-${n}"\nprivate = "127.${net}.1.${i + 1}"\npublic = "127.${net}.2.${i + 1}"\n`)
    .join('');
}
