/**
 * "Open in NemoVideo" through a claim token (skill v1.9): the link is <web>/workspace/claim?ct=clm_…
 * and carries nothing else — no bearer token, no session id; the local engine says it has no web editor.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { startLocalEngine } from '../../src/engine/local';
import { claimLink } from '../../src/core/claim';
import { serviceFor, tempDir } from './coreHelpers';
import { CLI } from './mcpHelpers';

let s: StandIn;
before(async () => {
  s = await startStandIn();
});
after(async () => {
  await s.close();
});

test('the claim link carries only the claim token', { timeout: 30_000 }, async () => {
  const { svc, tokens } = serviceFor(s);
  const { sessionId } = await svc.connect();
  const link = await claimLink(svc, { NEMO_WEB_URL: 'https://web.example/' });
  const url = new URL(link);
  assert.equal(`${url.origin}${url.pathname}`, 'https://web.example/workspace/claim');
  assert.deepEqual([...url.searchParams.keys()], ['ct']);
  assert.match(url.searchParams.get('ct')!, /^clm_[A-Za-z0-9_-]+$/);
  const token = (await tokens.get())!.token;
  assert.ok(!link.includes(token) && !link.includes(sessionId), 'neither the bearer token nor the session id');
  const req = s.requests.filter((r) => r.path === '/api/auth/claim-token');
  assert.equal(req.length, 1);
  assert.equal(
    req[0].headers.authorization,
    'Bearer <present>',
    'the claim is asked for with the bearer, on the API origin',
  );
  assert.equal(new URL(await claimLink(svc, {})).origin, 'https://nemovideo.com', 'default web base');
});

test('the local engine answers "not available locally"', { timeout: 60_000 }, async () => {
  const e = await startLocalEngine({ dataDir: tempDir('vg-claim-local-') });
  try {
    const { svc } = serviceFor(e, { fixedToken: e.token });
    await assert.rejects(claimLink(svc, {}), /not available locally/);
  } finally {
    await e.close();
  }
});

test('video-gen open prints the link (NEMO_API_URL is read too)', { timeout: 60_000 }, async () => {
  const home = tempDir('vg-claim-cli-');
  const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [CLI, 'open'], {
      cwd: home,
      env: {
        PATH: process.env.PATH ?? '',
        VIDEO_GEN_CONFIG_DIR: join(home, 'config'),
        NEMO_API_URL: s.url,
        NEMO_WEB_URL: 'https://web.example',
      },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.trim(), /^https:\/\/web\.example\/workspace\/claim\?ct=clm_[A-Za-z0-9_-]+$/);
  const token = JSON.parse(readFileSync(join(home, 'config', 'token.json'), 'utf8')).token as string;
  assert.ok(!r.stdout.includes(token) && !r.stderr.includes(token));
});
