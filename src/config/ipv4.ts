// IPv4 addresses as node:net's isIPv4 reads them (the same pattern, lib/internal/net.js): the
// schema checks every address, and loading node:net (and the streams it pulls in) for that is
// ~10% of `config validate`'s start-up. test/config/ipv4.test.ts holds it to node:net's answers.
const byte = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const ipv4Pattern = new RegExp(`^(?:${byte}\\.){3}${byte}$`);

export const isIPv4 = (text: string): boolean => ipv4Pattern.test(text);

const ipToInt = (ip: string) => ip.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
const maskOf = (prefix: number) => (prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0);

/** Both addresses in one /prefix network (the config check, and the agent's own interfaces). */
export function sameSubnet(a: string, b: string, prefix: number): boolean {
  const m = maskOf(prefix);
  return ((ipToInt(a) & m) >>> 0) === ((ipToInt(b) & m) >>> 0);
}
