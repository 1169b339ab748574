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
    thumbnails: vscode.l10n.t('The video so far'),
    thumbnailAt: vscode.l10n.t('Frame at {0}'),
    unsent: vscode.l10n.t('Not sent: not connected.'),
    resend: vscode.l10n.t('Send again'),
    openFile: vscode.l10n.t('Open the video'),
    welcomeTitle: vscode.l10n.t('Make a short video from your photos and clips'),
    welcomeText: vscode.l10n.t('Upload photos, clips or music, then describe the video you want. Try one of these:'),
    example1: vscode.l10n.t('Turn these photos into a 30-second promo video with music and text overlays'),
    example2: vscode.l10n.t('Make a 15-second vertical video for TikTok from my clips, with captions'),
    example3: vscode.l10n.t('Create a travel recap with upbeat music and the title "Summer 2026"'),
    chooseBackend: vscode.l10n.t('Where should your videos be made?'),
    useCloud: vscode.l10n.t('In the cloud (free starter credits)'),
    useLocal: vscode.l10n.t('Use the free local engine (offline)'),
  };
}
