/** Capability links expire: a link signed an hour and a bit ago is refused, a fresh one opens. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { capabilityUrl, linkedMedia, LINK_TTL_S } from '../../src/engine/http/capabilityLinks';
import type { EngineContext } from '../../src/engine/http/context';

const id = 'a'.repeat(32);
const ctx = {
  baseUrl: 'http://127.0.0.1:1',
  linkSecret: randomBytes(32),
  store: { mediaDir: '/nonexistent-dir' },
} as unknown as EngineContext;
const req = (url: string) => ({ url: new URL(url).pathname + new URL(url).search }) as IncomingMessage;

test('an expired link is refused as expired; a fresh one passes the signature check', { timeout: 10_000 }, async () => {
  const old = capabilityUrl(ctx, `media/${id}.jpg`, Date.now() - (LINK_TTL_S + 5) * 1000);
  await assert.rejects(linkedMedia(ctx, req(old), {} as ServerResponse, { ids: [id, 'jpg'], userId: '' }), /expired/);
  const fresh = capabilityUrl(ctx, `media/${id}.jpg`);
  // Past the signature, the (absent) file is what fails.
  await assert.rejects(
    linkedMedia(ctx, req(fresh), {} as ServerResponse, { ids: [id, 'jpg'], userId: '' }),
    /media not found/,
  );
  const otherSecret = { ...ctx, linkSecret: randomBytes(32) } as EngineContext;
  await assert.rejects(
    linkedMedia(otherSecret, req(fresh), {} as ServerResponse, { ids: [id, 'jpg'], userId: '' }),
    /not valid/,
  );
});
