import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, digestOf, type ArenaWorld } from './support/arena-world';
import { completeTrial } from './support/complete-trial';
import { startTestPlatform, type TestPlatform } from './support/test-platform';

/** Requests per documented operation (~40 operations: ~4,000 requests, ~15 s on 2 cores). */
const RUNS_PER_OPERATION = Number(process.env['FUZZ_RUNS'] ?? 100);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_129);

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
}

interface Operation {
  method: string;
  path: string;
  query: string[];
  headers: string[];
  body?: JsonSchema;
}

interface FuzzRequest {
  who: 'anonymous' | 'admin' | 'researcher' | 'evaluator';
  path: string;
  query: string;
  body?: { text: string; contentType: string };
  headers: Record<string, string>;
}

/** Any Unicode: whole code points, lone surrogates, controls and NUL included. */
const anyText = (maxLength = 60) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x\udfffy',
      '\u202e\u200b',
      '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🤖',
      'null',
    ),
  );

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** encodeURIComponent, for any string: a lone surrogate cannot be sent, so it becomes U+FFFD. */
const encode = (s: string) => encodeURIComponent(s.replace(LONE_SURROGATE, '\ufffd'));

/** Header values must be visible ASCII for any HTTP client; everything else is fair game. */
const headerText = fc.oneof(
  fc.uuid(),
  fc.string({ unit: 'binary-ascii', maxLength: 300 }).map((s) => s.replace(/[^\x21-\x7e]/g, '')),
);

/** Values the schema accepts (as far as a JSON Schema says), with any Unicode in free text. */
function validFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.constant(null);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => validFor(v, depth + 1)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      return fc.record(Object.fromEntries(props.map(([k, s]) => [k, validFor(s, depth + 1)])), {
        requiredKeys: schema.required ?? [],
      });
    }
    case 'array':
      return fc.array(validFor(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'string': {
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      if (schema.format === 'uri' || schema.format === 'url')
        return fc.constantFrom('ws://127.0.0.1:9/x', 'https://example.org/x');
      if (schema.format === 'uuid') return fc.uuid();
      const minLength = schema.minLength ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 60, 60));
      return fc.oneof(
        fc.string({ unit: 'binary', minLength, maxLength }),
        fc.string({ unit: 'grapheme', minLength, maxLength }),
        // Characters that storage, logs and JSON handle badly, inside otherwise fine text.
        fc
          .tuple(
            fc.string({ maxLength: 10 }),
            fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e', '\uffff', '\r\n', '\\', '"', "'; --"),
            fc.string({ minLength: Math.max(0, minLength - 1), maxLength: 10 }),
          )
          .map(([a, b, c]) => a + b + c),
      );
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** Something no schema should accept there, or that tests its edges. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  anyText(80),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(undefined, null, -1, 0, 1e300, -0, 2 ** 53 + 2, 1.5, true, [], {}, 'x'.repeat(20_000)),
);

/** Replaces one node (the root, a property or an item) of `value` by a hostile value, or drops it. */
function mutateOne(value: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [[]];
  const walk = (v: unknown, path: (string | number)[]) => {
    const children: [string | number, unknown][] = Array.isArray(v)
      ? v.map((item, i) => [i, item])
      : typeof v === 'object' && v !== null
        ? Object.entries(v)
        : [];
    for (const [key, item] of children) {
      paths.push([...path, key]);
      walk(item, [...path, key]);
    }
  };
  walk(value, []);
  return fc.tuple(fc.constantFrom(...paths), hostile, anyText(12)).map(([path, replacement, extraKey]) => {
    if (path.length === 0) return replacement;
    const copy = structuredClone(value) as Record<string | number, unknown>;
    let parent = copy;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (replacement === undefined) delete parent[last];
    else parent[last] = replacement;
    // Sometimes an unknown key too.
    if (extraKey.length % 3 === 0 && typeof copy === 'object') copy[extraKey] = replacement ?? 'x';
    return copy;
  });
}

/** Bodies that follow the schema, break it in one place, or are not what was asked for at all. */
function bodyFor(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.jsonValue({ maxDepth: 2 });
  const valid = validFor(schema);
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 4, arbitrary: valid.chain(mutateOne) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

// Random, malformed and hostile requests to every documented operation: never a 5xx, and every
// 4xx is the one error body with a message (and, for a 400, the field at fault).
describe('fuzzing every endpoint of the OpenAPI document', () => {
  let t: TestPlatform;
  let world: ArenaWorld;
  let operations: Operation[];
  const keys: Record<string, string> = {};
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await startTestPlatform();
    world = await buildWorld(t);
    keys['admin'] = world.adminKey;
    keys['evaluator'] = world.evaluatorKey;
    keys['researcher'] = (await world.admin.issueApiKey(world.researcherId, 'fuzz')).key;
    const done = await completeTrial(world.evaluator);
    const running = await world.evaluator.startTrial({ instruction: 'fuzz: running' });
    const spareVersion = await world.researcher.registerPolicyVersion({
      name: 'fuzzpolicy',
      version: 'v1',
      artifactDigest: digestOf('fuzz'),
      embodiment: 'droid-franka',
      endpoint: 'ws://127.0.0.1:9/unreachable',
    });
    const artifact = await world.evaluator.request<{ artifact: { id: string } }>(
      'POST',
      `/api/v1/trials/${done.trialId}/artifacts`,
      {
        label: 'A',
        kind: 'rollout',
        contentType: 'application/json',
        bytes: 64,
        sha256: createHash('sha256').update('fuzz').digest('hex'),
      },
    );
    ids['trialId'] = [done.trialId, running.id];
    ids['accountId'] = [world.evaluatorId, world.researcherId];
    ids['keyId'] = [(await world.admin.issueApiKey(world.evaluatorId, 'spare')).id];
    ids['siteId'] = [world.siteId];
    ids['versionId'] = [spareVersion.id];
    ids['artifactId'] = [artifact.body.artifact.id];
    ids['snapshotId'] = [(await t.anonymous.leaderboard()).snapshotId];
    ids['handle'] = [world.versions[0]!.handle];

    const document = (await (await fetch(`${t.baseUrl}/api/docs-json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string }[];
            requestBody?: { content: Record<string, { schema: JsonSchema }> };
          }
        >
      >;
    };
    operations = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        headers: (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name),
        body: op.requestBody?.content['application/json']?.schema,
      })),
    );
  });
  afterAll(async () => t?.stop());

  async function send(method: string, request: FuzzRequest) {
    const response = await fetch(`${t.baseUrl}${request.path}${request.query}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(request.who === 'anonymous' ? {} : { authorization: `Bearer ${keys[request.who]}` }),
        ...(request.body ? { 'content-type': request.body.contentType } : {}),
        ...request.headers,
      },
      ...(request.body && method !== 'GET' ? { body: request.body.text } : {}),
    });
    return { status: response.status, text: await response.text() };
  }

  /** What is wrong with an answer, or undefined when it is acceptable. */
  function problemWith(status: number, text: string): string | undefined {
    if (status >= 500) return `server error ${status}: ${text.slice(0, 300)}`;
    if (status < 400) return undefined;
    let body: { statusCode?: unknown; error?: unknown; message?: unknown; details?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return `${status} without the JSON error body: ${text.slice(0, 200)}`;
    }
    if (body.statusCode !== status) return `statusCode ${String(body.statusCode)} in a ${status}`;
    if (typeof body.error !== 'string' || body.error === '') return `${status} without error`;
    if (typeof body.message !== 'string' || body.message.trim() === '') return `${status} without a message`;
    if (status === 400) {
      const details = body.details as { field?: unknown; problem?: unknown }[] | undefined;
      if (
        !Array.isArray(details) ||
        details.length === 0 ||
        !details.every(
          (d) =>
            typeof d.field === 'string' &&
            d.field !== '' &&
            typeof d.problem === 'string' &&
            d.problem !== '',
        )
      )
        return `400 without details naming the field: ${text.slice(0, 300)}`;
    }
    return undefined;
  }

  type Who = FuzzRequest['who'];
  const everyone: Who[] = ['anonymous', 'admin', 'researcher', 'evaluator'];

  /** Who gets past authentication and roles on `op`: most requests go as them, to reach validation. */
  async function admitted(op: Operation): Promise<Who[]> {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]?.[0] ?? randomUUID());
    const through: Who[] = [];
    for (const who of everyone) {
      // An empty body: a refusal for the body (400) comes only after the key and role passed.
      const { status } = await send(op.method, { who, path: `${path}?probe`, query: '', headers: {} });
      if (status !== 401 && status !== 403) through.push(who);
    }
    return through;
  }

  function requestFor(op: Operation, through: Who[]): fc.Arbitrary<FuzzRequest> {
    const segment = (name: string) =>
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...(ids[name] ?? ['x'])).map(encode) },
        { weight: 2, arbitrary: fc.uuid().map(encode) },
        {
          weight: 2,
          arbitrary: anyText(40)
            .filter((s) => s !== '')
            .map(encode),
        },
        // Not encoded on purpose: broken percent-escapes and traversal.
        { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4%A', '%C0%AF', '..%2F..', '%00', '%FF%FE') },
      );
    const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const path = fc
      .tuple(...names.map(segment))
      .map((values) => names.reduce((p, name, i) => p.replace(`{${name}}`, values[i]!), op.path));
    const queryKeys = fc.constantFrom(...op.query, 'limit', 'x', 'a[b]', '__proto__', 'constructor');
    const query = fc.oneof(
      fc.constant(''),
      fc
        .array(fc.tuple(queryKeys, anyText(30)), { maxLength: 4 })
        .map((pairs) =>
          pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`,
        ),
      fc.constantFrom('?%', '?method=%ZZ', '?method=bt&method=elo', '?limit=-1&offset=1e309'),
    );
    const json = (value: unknown) => ({
      text: JSON.stringify(value) ?? 'null',
      contentType: 'application/json',
    });
    const body = fc.oneof(
      { weight: op.body ? 8 : 1, arbitrary: bodyFor(op.body).map(json) },
      { weight: 1, arbitrary: fc.jsonValue().map(json) },
      { weight: 1, arbitrary: anyText(50).map((text) => ({ text, contentType: 'application/json' })) },
      { weight: 1, arbitrary: anyText(50).map((text) => ({ text, contentType: 'text/plain' })) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
    const headers = fc.record(
      Object.fromEntries([...op.headers, 'X-Request-Id'].map((h) => [h.toLowerCase(), headerText])),
      { requiredKeys: [] },
    ) as fc.Arbitrary<Record<string, string>>;
    return fc.record({
      who: fc.oneof(
        {
          weight: through.length > 0 ? 8 : 0,
          arbitrary: fc.constantFrom(...(through.length > 0 ? through : everyone)),
        },
        { weight: 1, arbitrary: fc.constantFrom(...everyone) },
      ),
      path,
      query,
      body,
      headers,
    }) as fc.Arbitrary<FuzzRequest>;
  }

  it('answers any Unicode in instructions and reasons: stored exactly (trimmed), or refused naming the field', async () => {
    // Accepted: 1 to `max` characters after trimming, without NUL or lone surrogates (which
    // Postgres cannot store as sent). Everything else is a 400 that names the field.
    const acceptable = (s: string, max: number) =>
      s.trim().length >= 1 &&
      s.trim().length <= max &&
      !s.includes('\u0000') &&
      s.match(LONE_SURROGATE) === null;
    const refusedNaming = (answer: { status: number; text: string }, field: string) => {
      expect(answer.status).toBe(400);
      const body = JSON.parse(answer.text) as { details: { field: string }[] };
      expect(body.details.map((d) => d.field)).toContain(field);
    };
    await fc.assert(
      fc.asyncProperty(anyText(200), anyText(200), async (instruction, reason) => {
        const started = await send('POST', {
          who: 'evaluator',
          path: '/api/v1/trials',
          query: '',
          body: { text: JSON.stringify({ instruction }), contentType: 'application/json' },
          headers: {},
        });
        expect(problemWith(started.status, started.text)).toBeUndefined();
        if (!acceptable(instruction, 2000)) return refusedNaming(started, 'body.instruction');
        expect(started.status).toBe(201);
        const trial = JSON.parse(started.text) as {
          id: string;
          instruction: string;
          runOrder: ['A' | 'B', 'A' | 'B'];
        };
        expect(trial.instruction).toBe(instruction.trim());
        expect((await world.evaluator.getTrial(trial.id)).instruction).toBe(instruction.trim());
        for (const label of trial.runOrder)
          await world.evaluator.recordEpisode(trial.id, { label, progress: 1, success: false });
        const outcome = await send('POST', {
          who: 'evaluator',
          path: `/api/v1/trials/${trial.id}/outcome`,
          query: '',
          body: { text: JSON.stringify({ preference: 'tie', reason }), contentType: 'application/json' },
          headers: { 'idempotency-key': randomUUID() },
        });
        expect(problemWith(outcome.status, outcome.text)).toBeUndefined();
        if (!acceptable(reason, 10_000)) {
          refusedNaming(outcome, 'body.reason');
          await world.evaluator.request('POST', `/api/v1/trials/${trial.id}/abandon`);
          return;
        }
        expect(outcome.status).toBe(201);
        const browse = await send('GET', {
          who: 'anonymous',
          path: `/api/v1/browse/trials/${trial.id}`,
          query: '',
          headers: {},
        });
        expect(browse.status).toBe(200);
        expect((JSON.parse(browse.text) as { reason: string }).reason).toBe(reason.trim());
      }),
      { numRuns: 40, seed: SEED },
    );
  });

  it('never answers a random or malformed request with a 5xx, and every 4xx names the problem', async () => {
    expect(operations.length).toBeGreaterThan(30);
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(op, await admitted(op)), async (request) => {
          const { status, text } = await send(op.method, request);
          const problem = problemWith(status, text);
          if (problem)
            throw new Error(`${op.method} ${request.path}${request.query} as ${request.who}: ${problem}`);
        }),
        { numRuns: RUNS_PER_OPERATION, seed: SEED },
      );
    }
  });

  it('refuses oversize bodies with 413 in the error body, on every operation that takes one', async () => {
    const big = JSON.stringify({ instruction: 'x'.repeat(3 * 1024 * 1024), reason: 'y' });
    for (const op of operations.filter((o) => o.body)) {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]?.[0] ?? randomUUID());
      const { status, text } = await send(op.method, {
        who: 'admin',
        path,
        query: '',
        body: { text: big, contentType: 'application/json' },
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(status, `${op.method} ${path}`).toBe(413);
      expect(JSON.parse(text)).toMatchObject({
        statusCode: 413,
        message: 'body: larger than the accepted limit',
      });
    }
  });

  it('refuses malformed rollout files by name and attaches nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((b) => Buffer.from(b)),
          fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
          fc.constantFrom(
            Buffer.from('{"format":"arena-rollout","version":1'),
            Buffer.from('{"format":"arena-rollout","version":1,"frames":[]}'),
          ),
        ),
        async (bytes) => {
          const trial = await completeTrial(world.evaluator);
          const created = await world.evaluator.request<{
            artifact: { id: string };
            upload: { url: string; headers: Record<string, string> };
          }>('POST', `/api/v1/trials/${trial.trialId}/artifacts`, {
            label: 'A',
            kind: 'rollout',
            contentType: 'application/json',
            bytes: bytes.length,
            sha256: createHash('sha256').update(bytes).digest('hex'),
          });
          await fetch(created.body.upload.url, {
            method: 'PUT',
            headers: created.body.upload.headers,
            body: bytes,
          });
          const verified = await send('POST', {
            who: 'evaluator',
            path: `/api/v1/artifacts/${created.body.artifact.id}/verify`,
            query: '',
            headers: {},
          });
          expect(problemWith(verified.status, verified.text)).toBeUndefined();
          expect(verified.status).toBe(422);
          const listed = await world.evaluator.request<{ id: string; state: string }[]>(
            'GET',
            `/api/v1/trials/${trial.trialId}/artifacts`,
          );
          expect(listed.body.filter((a) => a.state === 'verified')).toEqual([]);
        },
      ),
      { numRuns: 12, seed: SEED },
    );
  });
});
