/**
 * The core's Logger backed by a LogOutputChannel ("Video Generator" in the Output view). The
 * channel's level is chosen by the user (Developer: Set Log Level), so the core logs freely at
 * debug/trace; it never passes tokens or message text at info.
 */
import * as vscode from 'vscode';
import type { Logger } from '../core/ports';

export function createLogChannel(): vscode.LogOutputChannel & Logger {
  return vscode.window.createOutputChannel('Video Generator', { log: true });
}
