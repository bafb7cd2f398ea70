// docs/openapi.json must describe exactly the routes the agent serves (src/agent/api/routes.ts), with
// the error shape, 401 and the event stream, and schemas that match what the agent really returns.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { routes } from '../../src/agent/api/routes.js';
import { planRequest } from '../../src/agent/operator.js';
import { loadConfigOrThrow } from '../../src/config/load.js';
import { exampleConfig } from '../cli/run-main.js';
import { status } from '../commands/helpers/fake-agent.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const doc = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as Json;
const methods = ['get', 'post', 'put', 'delete', 'patch'];
const documented = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
  Object.keys(item as Json)
    .filter((m) => methods.includes(m))
    .map((m) => ({ key: `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, op: (item as Json)[m] as Json })),
);
const served = routes.map((r) => `${r.method} ${r.path}`);

function resolve(ref: string): Json {
  expect(ref.startsWith('#/')).toBe(true);
  return ref
    .slice(2)
    .split('/')
    .reduce<Json>((node, key) => {
      expect(node[key], `dangling $ref ${ref}`).toBeDefined();
      return node[key] as Json;
    }, doc);
}
const deref = (x: Json): Json => (x.$ref ? resolve(x.$ref as string) : x);

describe('docs/openapi.json', () => {
  it('is OpenAPI 3.1 with the token scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('documents every route the agent serves, and no other', () => {
    const keys = documented.map((d) => d.key);
    expect(served.filter((s) => !keys.includes(s)), 'served but not in docs/openapi.json').toEqual([]);
    expect(keys.filter((k) => !served.includes(k)), 'in docs/openapi.json but not served').toEqual([]);
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s: write flag, 401, error shape, body', (key, route) => {
    const op = documented.find((d) => d.key === key)!.op;
    expect(op['x-roseha-write'], 'x-roseha-write must match the route table').toBe(route.write);
    expect(deref(op.responses['401'] as Json).content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
    for (const [code, r] of Object.entries(op.responses as Json)) {
      const res = deref(r as Json);
      if (code.startsWith('2')) continue;
      expect(res.content['application/json'].schema.$ref, `${key} ${code}`).toBe('#/components/schemas/Error');
    }
    const ok = deref(op.responses['200'] as Json);
    if (route.stream) expect(Object.keys(ok.content)).toEqual(['text/event-stream']);
    else expect(Object.keys(ok.content)).toEqual(['application/json']);
    if (route.write) {
      const body = op.requestBody.content['application/json'].schema as Json;
      expect(body.properties.dryRun.type).toBe('boolean');
      expect(op.responses['409'], 'write routes document the refusal').toBeDefined();
    }
    for (const p of route.path.match(/:(\w+)/g) ?? []) {
      const params = (op.parameters as Json[]).map(deref);
      expect(params.find((x) => x.name === p.slice(1) && x.in === 'path')).toBeDefined();
    }
  });

  it('every $ref resolves', () => {
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        for (const [k, v] of Object.entries(x)) (k === '$ref' ? resolve(v as string) : walk(v));
      }
    };
    walk(doc);
  });

  it('StatusReport: the schema names exactly the fields the agent sends, all required', () => {
    const schema = doc.components.schemas.StatusReport as Json;
    const sample = status();
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(sample).sort());
    expect([...schema.required].sort()).toEqual(Object.keys(sample).sort());
    const group = schema.properties.groups.items as Json;
    for (const k of Object.keys(sample.groups[0]!)) expect(group.properties[k], `groups[].${k}`).toBeDefined();
    const node = schema.properties.nodes.items as Json;
    // the optional fields too: a node with everything it can carry
    const full = { ...sample.nodes[0]!, incarnation: 'x', configGeneration: 1, watchdog: { device: '/dev/watchdog', timeoutS: 10 } } satisfies Required<(typeof sample.nodes)[number]>;
    for (const k of Object.keys(full)) expect(node.properties[k], `nodes[].${k}`).toBeDefined();
  });

  it('ActionResponse: every field a real answer carries is documented', () => {
    const { config } = loadConfigOrThrow(exampleConfig);
    const { response } = planRequest({ kind: 'move', group: 'erp', pin: true, by: 'test' }, { config, self: 'node-a', status: status() });
    const props = doc.components.schemas.ActionResponse.properties as Json;
    for (const k of Object.keys(response)) expect(props[k], `ActionResponse.${k}`).toBeDefined();
    for (const k of [...Object.keys(response.plan[0]!), 'commands']) expect(props.plan.items.properties[k]).toBeDefined();
  });
});
