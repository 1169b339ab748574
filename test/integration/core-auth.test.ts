/** The token flow against the stand-in: env token as is, stored token reused, stable client id, refresh before expiry. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { MemoryKeyValueStore, MemoryTokenStore } from '../../src/core/ports';
import { serviceFor } from './coreHelpers';

let s: StandIn;
before(async () => {
  s = await startStandIn();
});
after(async () => {
  await s.close();
});

const tokenCalls = () => s.requests.filter((r) => r.path === '/api/auth/anonymous-token').length;

test('no token anywhere: one anonymous token is fetched, stored, and reused by the next app start', async () => {
  const tokens = new MemoryTokenStore();
  const state = new MemoryKeyValueStore();
  const before = tokenCalls();
  const a = serviceFor(s, { tokenStore: tokens, state });
  await a.svc.connect();
  const stored = await tokens.get();
  assert.ok(stored?.token.startsWith('nmv_usr_'));
  assert.ok(stored?.userId && stored.expiresAt && stored.anonymous);
  const b = serviceFor(s, { tokenStore: tokens, state });
  await b.svc.credits();
  assert.equal(tokenCalls() - before, 1, 'the stored token was reused');
  assert.equal(a.svc.phase, 'ready');
});

test('the client id is a UUID kept per installation', async () => {
  const state = new MemoryKeyValueStore();
  const a = serviceFor(s, { state });
  await a.svc.connect();
  const id = state.get<string>('videoGenerator.clientId');
  assert.match(id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const req = s.requests.filter((r) => r.path === '/api/auth/anonymous-token').at(-1)!;
  assert.equal(req.headers['x-client-id'], id);
});

test('NEMO_TOKEN is used as is: no anonymous token, nothing stored', async () => {
  const anon = serviceFor(s);
  await anon.svc.connect();
  const token = (await anon.tokens.get())!.token;
  const before = tokenCalls();
  const tokens = new MemoryTokenStore();
  const env = serviceFor(s, { env: { NEMO_TOKEN: token }, tokenStore: tokens });
  const c = await env.svc.credits();
  assert.equal(typeof c.available, 'number');
  assert.equal(tokenCalls(), before);
  assert.equal(await tokens.get(), undefined, 'an environment token is never written to the store');
});

test('an anonymous token about to expire is refreshed before use', async () => {
  const tokens = new MemoryTokenStore();
  await tokens.set({
    token: 'nmv_usr_old',
    userId: 'anon_old',
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    anonymous: true,
  });
  const before = tokenCalls();
  const { svc } = serviceFor(s, { tokenStore: tokens });
  await svc.credits();
  assert.equal(tokenCalls() - before, 1);
  assert.notEqual((await tokens.get())!.token, 'nmv_usr_old');
});

test('Set Token stores a registered token; Sign Out forgets it', async () => {
  const { svc, tokens } = serviceFor(s);
  await svc.setToken('  nmv_usr_registered  ');
  assert.deepEqual(await tokens.get(), { token: 'nmv_usr_registered', anonymous: false });
  await svc.signOut();
  assert.equal(await tokens.get(), undefined);
  await assert.rejects(svc.setToken('   '), /empty/);
});

test('sessions are remembered per project and created with the user language', async () => {
  const state = new MemoryKeyValueStore();
  const tokens = new MemoryTokenStore();
  const a = serviceFor(s, { state, tokenStore: tokens, language: 'zh-CN' });
  const { sessionId } = await a.svc.connect();
  const b = serviceFor(s, { state, tokenStore: tokens });
  assert.equal((await b.svc.connect()).sessionId, sessionId, 'same project, same session');
  const c = serviceFor(s, { state, tokenStore: tokens, projectKey: '/other/project' });
  assert.notEqual((await c.svc.connect()).sessionId, sessionId, 'another project has its own');
  const created = s.requests.filter((r) => r.path === '/api/tasks/me/with-session/nemo_agent');
  assert.ok(created.length >= 2);
});

test('a Stop during connecting cancels only that caller; a parallel caller still gets the session', async () => {
  const { svc } = serviceFor(s);
  s.faults.slowMs = 200;
  try {
    const stop = new AbortController();
    const first = svc.connect(stop.signal);
    const second = svc.connect();
    stop.abort();
    await assert.rejects(first, (e: unknown) => (e as { kind?: string }).kind === 'aborted');
    const { sessionId } = await second;
    assert.match(sessionId, /^\d+$/);
  } finally {
    s.faults.slowMs = undefined;
  }
});
