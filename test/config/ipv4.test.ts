import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isIPv4 as nodeIsIPv4 } from 'node:net';
import { isIPv4 } from '../../src/config/ipv4.js';

describe('isIPv4', () => {
  it("answers as node:net's isIPv4 does", () => {
    const part = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('', '00', '01', '007', '-1', ' 1', '1 ', '1e2', '0x1', '２'), fc.string({ maxLength: 4 }));
    const dotted = fc.array(part, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.'));
    fc.assert(fc.property(fc.oneof(dotted, fc.string(), fc.ipV4(), fc.ipV4Extended(), fc.ipV6()), (text) => isIPv4(text) === nodeIsIPv4(text)), { numRuns: 20_000 });
    for (const text of ['10.0.0.11', '255.255.255.255', '0.0.0.0', '256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.4\n', '']) expect(isIPv4(text), text).toBe(nodeIsIPv4(text));
  });
});
