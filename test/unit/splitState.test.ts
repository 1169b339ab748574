/** The extension's state split: only the client id is installation-wide. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryKeyValueStore } from '../../src/core/ports';
import { CLIENT_ID_KEY } from '../../src/core/auth';
import { SplitStateStore } from '../../src/ui/splitState';

test('only the client id goes to global state, even when a workspace path contains "client"', async () => {
  const global = new MemoryKeyValueStore();
  const workspace = new MemoryKeyValueStore();
  const split = new SplitStateStore(global, workspace);
  await split.set(CLIENT_ID_KEY, 'id-1');
  await split.set('videoGenerator.session:https://api:/home/me/client-site', { sessionId: '1' });
  await split.set('videoGenerator.export:https://api:/home/me/client-site', { renderId: 'r' });
  assert.equal(global.get(CLIENT_ID_KEY), 'id-1');
  assert.equal(global.get('videoGenerator.session:https://api:/home/me/client-site'), undefined);
  assert.deepEqual(workspace.get('videoGenerator.session:https://api:/home/me/client-site'), { sessionId: '1' });
  assert.deepEqual(workspace.get('videoGenerator.export:https://api:/home/me/client-site'), { renderId: 'r' });
});
