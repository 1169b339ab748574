/**
 * How timeline data looks in the tree: pure functions from the core's Timeline model (and the
 * session's uploads) to TreeItems, so the provider only fetches and caches.
 */
import * as vscode from 'vscode';
import type { UploadedFile } from '../core/api/types';
import type { Timeline, TimelineSegment, TimelineTrack, TrackKind } from '../core/timeline';
import { segmentLabel, trackLabel } from '../words/timeline';
import { uiWords } from './words';
import { localize } from './l10n';

export type TimelineNode =
  | { type: 'canvas'; timeline: Timeline }
  | { type: 'track'; track: TimelineTrack; index: number }
  | { type: 'segment'; track: TimelineTrack; trackIndex: number; segment: TimelineSegment; index: number }
  | { type: 'uploads'; files: UploadedFile[] }
  | { type: 'upload'; file: UploadedFile };

const TRACK_ICONS: Record<TrackKind, string> = {
  video: 'device-camera-video',
  audio: 'music',
  text: 'symbol-text',
  overlay: 'layers',
  other: 'layers',
};

/** "1.5" for seconds: one decimal, the way editors show timeline positions. */
export function seconds(s: number): string {
  return (Math.round(s * 10) / 10).toFixed(1);
}

export function range(start: number, duration: number): string {
  return `${seconds(start)}–${seconds(start + duration)} s`;
}

export function rootNodes(timeline: Timeline | undefined, uploads: UploadedFile[]): TimelineNode[] {
  const nodes: TimelineNode[] = (timeline?.tracks ?? []).map((track, index) => ({
    type: 'track' as const,
    track,
    index,
  }));
  // The canvas first ("1080×1920 · 30.0 s"): what the export will be.
  if (timeline && nodes.length) nodes.unshift({ type: 'canvas', timeline });
  if (uploads.length) nodes.push({ type: 'uploads', files: uploads });
  return nodes;
}

export function childNodes(node: TimelineNode): TimelineNode[] {
  if (node.type === 'track')
    return node.track.segments.map((segment, index) => ({
      type: 'segment' as const,
      track: node.track,
      trackIndex: node.index,
      segment,
      index,
    }));
  if (node.type === 'uploads') return node.files.map((file) => ({ type: 'upload' as const, file }));
  return [];
}

export function treeItem(node: TimelineNode): vscode.TreeItem {
  switch (node.type) {
    case 'canvas':
      return canvasItem(node.timeline);
    case 'track':
      return trackItem(node.track, node.index);
    case 'segment':
      return segmentItem(node.track, node.trackIndex, node.segment, node.index);
    case 'uploads': {
      const item = new vscode.TreeItem(localize('Uploaded media'), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = 'uploads';
      item.description = node.files.length === 1 ? localize('1 file') : localize('{0} files', node.files.length);
      item.iconPath = new vscode.ThemeIcon('cloud-upload');
      item.contextValue = 'uploads';
      return item;
    }
    case 'upload':
      return uploadItem(node.file);
  }
}

/**
 * A track with more segments than this starts collapsed: a paced promo has 15 shots, and open
 * they pushed the music and text tracks out of a sidebar-height view. Its description still
 * says how many, and VS Code remembers the user's choice by the item's id.
 */
const OPEN_TRACK_MAX_SEGMENTS = 8;

function trackItem(track: TimelineTrack, index: number): vscode.TreeItem {
  const name = trackLabel(track, uiWords());
  const state =
    track.segments.length > OPEN_TRACK_MAX_SEGMENTS
      ? vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.Expanded;
  const item = new vscode.TreeItem(name, state);
  item.id = `track:${index}`;
  const count = track.segments.length === 1 ? localize('1 segment') : localize('{0} segments', track.segments.length);
  item.description = `${count} · ${seconds(track.duration)} s`;
  item.iconPath = new vscode.ThemeIcon(TRACK_ICONS[track.kind]);
  item.contextValue = `track.${track.kind}`;
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escape(name)}** — ${escape(item.description)}\n\n`);
  md.appendMarkdown(localize('Track type code: {0}', track.type));
  item.tooltip = md;
  return item;
}

function canvasItem(t: Timeline): vscode.TreeItem {
  const size = t.width && t.height ? `${t.width}×${t.height} · ` : '';
  const item = new vscode.TreeItem(`${size}${seconds(t.duration)} s`, vscode.TreeItemCollapsibleState.None);
  item.id = 'canvas';
  const shape =
    t.width && t.height
      ? t.height > t.width
        ? localize('vertical')
        : t.height < t.width
          ? localize('horizontal')
          : localize('square')
      : '';
  item.description = shape;
  item.iconPath = new vscode.ThemeIcon('screen-full');
  item.contextValue = 'canvas';
  item.tooltip = localize('The video: {0}', `${size}${seconds(t.duration)} s${shape ? ` (${shape})` : ''}`);
  return item;
}

function segmentItem(track: TimelineTrack, trackIndex: number, seg: TimelineSegment, index: number): vscode.TreeItem {
  const when = range(seg.start, seg.duration);
  const w = uiWords();
  const segLabel = segmentLabel(track, seg, w);
  // The name is the label, the time range the description: at the default sidebar width a
  // "0.0–6.0 s · photo1.jpg" label was cut off before the name.
  const item = new vscode.TreeItem(segLabel, vscode.TreeItemCollapsibleState.None);
  item.id = `track:${trackIndex}:${index}`;
  item.description =
    seg.volume !== undefined && track.kind === 'audio' ? `${when} · ${Math.round(seg.volume * 100)}%` : when;
  item.iconPath = new vscode.ThemeIcon(
    track.kind === 'text' ? 'quote' : track.kind === 'audio' ? 'unmute' : 'file-media',
  );
  item.contextValue = `segment.${track.kind}`;
  item.tooltip = metadataTooltip(`${escape(segLabel)} — ${when}`, seg.metadata);
  return item;
}

function uploadItem(file: UploadedFile): vscode.TreeItem {
  const item = new vscode.TreeItem(file.filename, vscode.TreeItemCollapsibleState.None);
  const kind = /^(image|video|audio)/.exec(file.fileType ?? '')?.[1] ?? kindFromName(file.filename);
  const parts = [
    kind,
    file.width && file.height ? `${file.width}×${file.height}` : undefined,
    file.duration ? `${seconds(file.duration)} s` : undefined,
  ].filter(Boolean);
  item.description = parts.join(' · ');
  item.iconPath = new vscode.ThemeIcon(
    kind === 'video' ? 'device-camera-video' : kind === 'audio' ? 'music' : 'file-media',
  );
  item.contextValue = 'upload';
  item.tooltip = metadataTooltip(escape(file.filename), file as Record<string, unknown>);
  return item;
}

function kindFromName(name: string): string {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  if (['mp3', 'wav', 'm4a', 'aac'].includes(ext)) return 'audio';
  if (['mp4', 'mov', 'avi', 'webm', 'mkv'].includes(ext)) return 'video';
  return 'image';
}

/** Metadata as a small table; long or nested values are shortened so the hover stays readable. */
function metadataTooltip(title: string, metadata: Record<string, unknown>): vscode.MarkdownString {
  const md = new vscode.MarkdownString(`**${title}**\n\n`);
  const rows = Object.entries(metadata)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .slice(0, 16)
    .map(([k, v]) => `| ${escape(k)} | ${escape(short(v))} |`);
  if (rows.length) md.appendMarkdown(`| | |\n|---|---|\n${rows.join('\n')}\n`);
  return md;
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&').replace(/\n/g, ' ');
}

/** One line about the whole timeline: "30.0 s, 1080×1920 — Video: 5 segments; BGM: 1 segment". */
export function summaryLine(t: Timeline | undefined): string {
  if (!t || !t.tracks.some((tr) => tr.segments.length))
    return localize('The timeline is empty. Upload media or describe your video in the chat.');
  const size = t.width && t.height ? `, ${t.width}×${t.height}` : '';
  const tracks = t.tracks.map(
    (tr) =>
      `${trackLabel(tr, uiWords())}: ${tr.segments.length === 1 ? localize('1 segment') : localize('{0} segments', tr.segments.length)}`,
  );
  return `${seconds(t.duration)} s${size} — ${tracks.join('; ')}`;
}
