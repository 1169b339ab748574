/** The chat panel's own words, localised on the host (the webview has no l10n API). */
import * as vscode from 'vscode';
import type { ChatStrings } from '../protocol';

export function chatStrings(): ChatStrings {
  return {
    send: vscode.l10n.t('Send'),
    stop: vscode.l10n.t('Stop'),
    copy: vscode.l10n.t('Copy'),
    copied: vscode.l10n.t('Copied'),
    retry: vscode.l10n.t('Retry'),
    upload: vscode.l10n.t('Upload'),
    export: vscode.l10n.t('Export'),
    credits: vscode.l10n.t('Credits'),
    working: vscode.l10n.t('Working on your request…'),
    interrupted: vscode.l10n.t('Reply interrupted.'),
    placeholder: vscode.l10n.t('Describe the video you want (Enter to send, Shift+Enter for a new line)'),
    conversation: vscode.l10n.t('Conversation'),
    you: vscode.l10n.t('You'),
    assistant: vscode.l10n.t('Assistant'),
    quickActions: vscode.l10n.t('Quick actions'),
    dismiss: vscode.l10n.t('Dismiss'),
  };
}
