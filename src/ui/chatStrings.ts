/** The chat panel's own words, localised on the host (the webview has no l10n API). */
import type { ChatStrings } from '../protocol';
import { localize } from './l10n';

export function chatStrings(): ChatStrings {
  return {
    send: localize('Send'),
    stop: localize('Stop'),
    copy: localize('Copy'),
    copied: localize('Copied'),
    retry: localize('Retry'),
    upload: localize('Upload'),
    export: localize('Export'),
    credits: localize('Credits'),
    working: localize('Working on your request…'),
    interrupted: localize('Reply interrupted.'),
    placeholder: localize('Describe the video you want (Enter to send, Shift+Enter for a new line)'),
    conversation: localize('Conversation'),
    you: localize('You'),
    assistant: localize('Assistant'),
    quickActions: localize('Quick actions'),
    dismiss: localize('Dismiss'),
    thumbnails: localize('The video so far'),
    thumbnailAt: localize('Frame at {0}'),
    preview: localize('Preview'),
    unsent: localize('Not sent: not connected.'),
    resend: localize('Send again'),
    openFile: localize('Open the video'),
    welcomeTitle: localize('Make a short video from your photos and clips'),
    welcomeText: localize('Upload photos, clips or music, then describe the video you want. Try one of these:'),
    example1: localize('Turn these photos into a 30-second promo video with music and text overlays'),
    example2: localize('Make a 15-second vertical video for TikTok from my clips, with captions'),
    example3: localize('Create a travel recap with upbeat music and the title "Summer 2026"'),
    chooseBackend: localize('Where should your videos be made?'),
    useCloud: localize('In the cloud (free starter credits)'),
    useLocal: localize('Use the free local engine (offline)'),
  };
}
