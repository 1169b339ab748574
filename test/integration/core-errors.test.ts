/**
 * Every error code of docs/protocol.md, produced by the stand-in over real HTTP, becomes the typed
 * error with the documented recovery.
 */
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { ApiError } from '../../src/core/api/errors';
import { serviceFor, tempDir, writePngs } from './coreHelpers';

let s: StandIn;
before(async () => {
  s = await startStandIn();
});
after(async () => {
  await s.close();
});
beforeEach(() => {
  s.faults.reset();
});

async function rejectsWith(p: Promise<unknown>, check: (e: ApiError) => void): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ApiError, `expected ApiError, got ${String(e)}`);
    check(e);
    return true;
  });
}

test('every request carries Bearer auth and the three X-Skill headers', async () => {
  const { svc } = serviceFor(s);
  await svc.credits();
  const credits = s.requests.filter((r) => r.path.startsWith('/api/credits'));
  assert.ok(credits.length >= 1);
  const h = credits.at(-1)!.headers;
  assert.equal(h['x-skill-source'], 'video-generator-free-app');
  assert.equal(h['x-skill-version'], '9.9.9-test');
  assert.equal(h['x-skill-platform'], 'unknown');
  assert.match(String(h.authorization), /^Bearer /);
});

test('SKILL_SOURCE overrides the platform header; Cursor is detected from the app name', async () => {
  const a = serviceFor(s, { env: { SKILL_SOURCE: 'clawhub' } });
  await a.svc.credits();
  assert.equal(s.requests.at(-1)!.headers['x-skill-platform'], 'clawhub');
  const b = serviceFor(s, { appName: 'Cursor' });
  await b.svc.credits();
  assert.equal(s.requests.at(-1)!.headers['x-skill-platform'], 'cursor');
});

test('1001: gets a new anonymous token and retries once, invisibly', async () => {
  const { svc, tokens } = serviceFor(s);
  await svc.connect();
  const first = (await tokens.get())!.token;
  s.faults.failNext('credits', { code: 1001 });
  const c = await svc.credits();
  assert.equal(c.available, 100);
  const second = (await tokens.get())!.token;
  assert.notEqual(second, first, 'a fresh token was fetched');
});

test('1001 twice in a row: a clear error, not a loop', async () => {
  const { svc } = serviceFor(s);
  await svc.connect();
  s.faults.failNext('credits', { code: 1001, times: 2 });
  await rejectsWith(svc.credits(), (e) => {
    assert.equal(e.kind, 'auth');
    assert.equal(e.recovery, 'reauth');
  });
});

test('1001 with NEMO_TOKEN: says to set a new token instead of silently replacing it', async () => {
  const { svc } = serviceFor(s, { env: { NEMO_TOKEN: 'nmv_usr_not_valid' } });
  await rejectsWith(svc.credits(), (e) => {
    assert.equal(e.kind, 'auth');
    assert.match(e.message, /NEMO_TOKEN/);
  });
  assert.equal(s.requests.filter((r) => r.path === '/api/auth/anonymous-token' && r.headers.authorization).length, 0);
});

test('1002: creates a new session, retries once and reports it', async () => {
  const { svc } = serviceFor(s);
  const { sessionId: old } = await svc.connect();
  s.faults.failNext('sse', { code: 1002 });
  const outcome = await svc.send('make a short video');
  assert.equal(outcome.kind, 'reply');
  assert.ok(outcome.kind === 'reply' && outcome.sessionRenewed);
  const { sessionId: now } = await svc.connect();
  assert.notEqual(now, old);
});

test(
  'the session id flows one way: the core announces the first session, a renewal (1002) and New Session',
  { timeout: 30_000 },
  async () => {
    const { svc } = serviceFor(s);
    const heard: Array<{ sessionId: string; previous?: string; reason: string }> = [];
    const off = svc.onDidChangeSession((c) => heard.push(c));
    const { sessionId: first } = await svc.connect();
    await svc.credits(); // same session: nothing new to announce
    assert.deepEqual(heard, [{ sessionId: first, previous: undefined, reason: 'connected' }]);
    s.faults.failNext('sse', { code: 1002 });
    await svc.send('make a short video');
    const renewed = heard[1];
    assert.equal(renewed?.reason, 'renewed');
    assert.equal(renewed?.previous, first);
    assert.equal(svc.sessionId, renewed?.sessionId, 'the listener learns the new id without asking again');
    assert.notEqual(renewed?.sessionId, first);
    const { sessionId: fresh } = await svc.newSession();
    assert.deepEqual(heard[2], { sessionId: fresh, previous: renewed!.sessionId, reason: 'new' });
    assert.equal(heard.length, 3);
    off();
  },
);

test('2001 for an anonymous user: the register link binds the user id', async () => {
  const { svc, tokens } = serviceFor(s);
  await svc.connect();
  const userId = (await tokens.get())!.userId!;
  s.faults.failNext('sse', { code: 2001 });
  await rejectsWith(svc.send('make a video'), (e) => {
    assert.equal(e.kind, 'credits');
    assert.equal(e.url, `https://nemovideo.com/register?bind=${encodeURIComponent(userId)}`);
  });
});

test('2001 for a registered token: top up, no bind link', async () => {
  const anon = serviceFor(s);
  await anon.svc.connect();
  const token = (await anon.tokens.get())!.token;
  const { svc } = serviceFor(s, { env: { NEMO_TOKEN: token } });
  s.faults.failNext('credits', { code: 2001 });
  await rejectsWith(svc.credits(), (e) => {
    assert.equal(e.kind, 'credits');
    assert.equal(e.url, undefined);
    assert.match(e.message, /Top up/);
  });
});

test('4001 and 4002 on upload name the formats and the size limit', async () => {
  const dir = tempDir();
  const [png] = writePngs(dir, ['a.png']);
  const { svc } = serviceFor(s);
  s.faults.failNext('upload', { code: 4001 });
  await rejectsWith(svc.upload([png]), (e) => {
    assert.equal(e.kind, 'unsupported-file');
    assert.match(e.message, /mp4, mov/);
  });
  s.faults.failNext('upload', { code: 4002 });
  await rejectsWith(svc.upload([png]), (e) => {
    assert.equal(e.kind, 'file-too-large');
    assert.match(e.message, /200 MB/);
  });
});

test('HTTP 400 on the token call: a new client id, then success', async () => {
  const { svc, state } = serviceFor(s);
  await state.set('videoGenerator.clientId', 'client-before');
  s.faults.failNext('token', { status: 400 });
  await svc.connect();
  assert.notEqual(state.get('videoGenerator.clientId'), 'client-before');
});

test('HTTP 429 on the token call: waits once, retries, then a clear message', async () => {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  const ok = serviceFor(s, { sleep, rateLimitWaitMs: 30_000 });
  s.faults.failNext('token', { status: 429 });
  await ok.svc.connect();
  assert.deepEqual(waits, [30_000]);
  const bad = serviceFor(s, { sleep });
  s.faults.failNext('token', { status: 429, times: 2 });
  await rejectsWith(bad.svc.connect(), (e) => {
    assert.equal(e.kind, 'rate-limit');
    assert.match(e.message, /one free token/);
  });
});

test('HTTP 402 on export: the upgrade message (plan tier, not credits)', async () => {
  const dir = tempDir();
  const { svc } = serviceFor(s);
  await svc.send('make a video');
  s.faults.failNext('render', { status: 402 });
  await rejectsWith(svc.exportVideo({ folder: dir }), (e) => {
    assert.equal(e.kind, 'plan');
    assert.match(e.message, /Register or upgrade your plan/);
  });
});

test('5xx becomes a server error with a retry hint', async () => {
  const { svc } = serviceFor(s);
  await svc.connect();
  s.faults.failNext('credits', { status: 503 });
  await rejectsWith(svc.credits(), (e) => {
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 503);
    assert.ok(e.transient);
  });
});

test('connection refused becomes a network error naming the cause', async () => {
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
  const { svc } = serviceFor({ url: `http://127.0.0.1:${port}` });
  await rejectsWith(svc.connect(), (e) => {
    assert.equal(e.kind, 'network');
    assert.match(e.message, /refused/);
  });
});

test('a silent server becomes a timeout error', async () => {
  const { svc } = serviceFor(s);
  await svc.connect();
  s.faults.slowMs = 2_000;
  (svc.client as unknown as { opts: { timeoutMs: number } }).opts.timeoutMs = 150;
  await rejectsWith(svc.credits(), (e) => {
    assert.equal(e.kind, 'timeout');
  });
});

test('render status shape B and flat state shape are read like the others', async () => {
  const dir = tempDir();
  const { svc } = serviceFor(s);
  await svc.send('make a video');
  s.faults.stateShape = 'flat';
  const t = await svc.timeline();
  assert.ok(t.tracks.length > 0, 'flat state parsed');
  s.faults.renderStatusShape = 'B';
  const out = await svc.exportVideo({ folder: dir });
  assert.match(out, /\.mp4$/);
});
