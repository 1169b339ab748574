/**
 * The Get Started walkthrough ticks a step when it is done however it was done — a chat button,
 * a typed "export", the Explorer menu. Its completion events are context keys set here: an
 * `onCommand:` event only sees commands run from the workbench, not the ones this extension runs
 * for the chat, and describing the video is no command at all.
 */
import * as vscode from 'vscode';

export type WalkthroughStep = 'connect' | 'upload' | 'describe' | 'export';

/** The context key each step's `onContext:` completion event waits for (package.json). */
export const WALKTHROUGH_KEYS: Record<WalkthroughStep, string> = {
  connect: 'videoGenerator.walkthrough.connected',
  upload: 'videoGenerator.walkthrough.uploaded',
  describe: 'videoGenerator.walkthrough.described',
  export: 'videoGenerator.walkthrough.exported',
};

const done = new Set<WalkthroughStep>();

export function markStepDone(step: WalkthroughStep): void {
  if (done.has(step)) return;
  done.add(step);
  void vscode.commands.executeCommand('setContext', WALKTHROUGH_KEYS[step], true);
}

/** Steps marked done in this window (tests read it). */
export function stepsDone(): WalkthroughStep[] {
  return [...done];
}
