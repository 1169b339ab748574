import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompositionTracker, decideKey } from '../../webview/keys';

test('Enter sends, Shift+Enter is a new line, other keys are left alone', () => {
  assert.equal(decideKey({ key: 'Enter' }), 'send');
  assert.equal(decideKey({ key: 'Enter', shiftKey: true }), 'newline');
  assert.equal(decideKey({ key: 'a' }), 'default');
  assert.equal(decideKey({ key: 'Enter', ctrlKey: true }), 'default');
  assert.equal(decideKey({ key: 'Enter', metaKey: true }), 'default');
  assert.equal(decideKey({ key: 'Enter', altKey: true }), 'default');
});

test('never sends while an IME composes, whichever way the browser says so', () => {
  assert.equal(decideKey({ key: 'Enter', isComposing: true }), 'default');
  assert.equal(decideKey({ key: 'Enter', keyCode: 229 }), 'default');
  assert.equal(decideKey({ key: 'Enter' }, true), 'default');
  assert.equal(decideKey({ key: 'Enter', shiftKey: true, isComposing: true }), 'default');
});

test('composition tracking holds through the Enter that confirms a candidate (Safari order)', () => {
  let now = 1000;
  const ime = new CompositionTracker(() => now, 50);
  assert.equal(ime.composing, false);
  ime.start();
  assert.equal(decideKey({ key: 'Enter' }, ime.composing), 'default');
  ime.end(); // Safari: compositionend first, then keydown Enter in the same turn
  assert.equal(decideKey({ key: 'Enter' }, ime.composing), 'default');
  now += 51;
  assert.equal(decideKey({ key: 'Enter' }, ime.composing), 'send');
});
