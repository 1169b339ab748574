/**
 * The Timeline view's data: the current draft's tracks (fetched from the service) and the
 * files uploaded in this session. Empty means no items, so the view's welcome content shows.
 */
import * as vscode from 'vscode';
import type { UploadedFile } from '../core/api/types';
import type { SessionTimeline } from '../core/serviceApi';
import { childNodes, rootNodes, treeItem, type TimelineNode } from './timelineItems';
import type { ServiceHost } from './serviceHost';

export const TIMELINE_VIEW_ID = 'videoGenerator.timeline';
const UPLOADS_KEY = 'videoGenerator.uploads.';
const MAX_UPLOADS = 100;

export class TimelineTreeProvider implements vscode.TreeDataProvider<TimelineNode>, vscode.Disposable {
  private timeline: SessionTimeline | undefined;
  /** The core's session, as last announced (onDidChangeSession). */
  private sessionId: string | undefined;
  private refreshing: Promise<SessionTimeline | undefined> | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<TimelineNode | undefined | void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    private readonly host: ServiceHost,
    private readonly workspaceState: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // The core owns the session: a new or renewed one has its own timeline and uploads.
    this.subscription = host.onDidChangeSession((change) => {
      this.sessionId = change.sessionId;
      if (change.reason !== 'connected') this.clear();
    });
  }

  get current(): SessionTimeline | undefined {
    return this.timeline;
  }

  getTreeItem(node: TimelineNode): vscode.TreeItem {
    return treeItem(node);
  }

  getChildren(node?: TimelineNode): TimelineNode[] {
    return node ? childNodes(node) : rootNodes(this.timeline, this.uploads());
  }

  /**
   * The session's files: what the backend's state lists (video_infos), plus the last upload
   * results it may not list yet.
   */
  uploads(): UploadedFile[] {
    const recent = this.sessionId ? (this.workspaceState.get<UploadedFile[]>(UPLOADS_KEY + this.sessionId) ?? []) : [];
    const fromState: UploadedFile[] = (this.timeline?.media ?? []).map((m) => ({
      filename: m.name,
      fileType: m.kind,
      duration: m.duration,
    }));
    const names = new Set(fromState.map((f) => f.filename));
    return [...fromState, ...recent.filter((f) => !names.has(f.filename))];
  }

  async addUploads(files: UploadedFile[]): Promise<void> {
    const sessionId = this.sessionId;
    if (!sessionId) return;
    const names = new Set(files.map((f) => f.filename));
    const previous = this.workspaceState.get<UploadedFile[]>(UPLOADS_KEY + sessionId) ?? [];
    const kept = previous.filter((f) => !names.has(f.filename));
    const next = [...kept, ...files.map(plainFile)].slice(-MAX_UPLOADS);
    await this.workspaceState.update(UPLOADS_KEY + sessionId, next);
    this.changeEmitter.fire();
  }

  /**
   * Fetches the timeline again. `connect` false skips it when nothing is connected yet (no
   * network at start-up just to draw an empty tree).
   */
  refresh(connect = true): Promise<SessionTimeline | undefined> {
    if (!connect && !this.host.started) return Promise.resolve(this.timeline);
    this.refreshing ??= this.fetch().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** A new session or sign-out: nothing to show until the next fetch. */
  clear(): void {
    this.timeline = undefined;
    this.changeEmitter.fire();
  }

  private async fetch(): Promise<SessionTimeline | undefined> {
    const service = await this.host.get();
    await service.connect();
    try {
      this.timeline = await service.timeline();
    } catch (e) {
      this.log.warn(`Could not refresh the timeline: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    } finally {
      this.changeEmitter.fire();
    }
    return this.timeline;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

/** Only the fields worth keeping (no CDN URLs with signatures in workspace state). */
function plainFile(f: UploadedFile): UploadedFile {
  return {
    filename: f.filename,
    fileType: f.fileType,
    duration: f.duration,
    width: f.width,
    height: f.height,
    hash: f.hash,
  };
}
