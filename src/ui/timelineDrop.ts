/**
 * Dropping files from the Explorer (or the OS) onto the Timeline view uploads them. VS Code
 * puts Explorer drags under these two MIME types as a newline-separated URI list.
 */
import * as vscode from 'vscode';
import type { TimelineNode } from './timelineItems';

const URI_LIST_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'];

export class TimelineDropController implements vscode.TreeDragAndDropController<TimelineNode> {
  readonly dropMimeTypes = URI_LIST_TYPES;
  readonly dragMimeTypes: string[] = [];

  constructor(private readonly upload: (uris: vscode.Uri[]) => Promise<unknown>) {}

  async handleDrop(
    _target: TimelineNode | undefined,
    data: vscode.DataTransfer,
    token: vscode.CancellationToken,
  ): Promise<void> {
    for (const type of URI_LIST_TYPES) {
      const item = data.get(type);
      if (!item) continue;
      const uris = parseUriList(await item.asString());
      if (token.isCancellationRequested) return;
      if (uris.length) {
        await this.upload(uris);
        return;
      }
    }
  }
}

/** RFC 2483 text/uri-list: one URI a line, `#` lines are comments. */
export function parseUriList(text: string): vscode.Uri[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .flatMap((l) => {
      try {
        return [vscode.Uri.parse(l, true)];
      } catch {
        return [];
      }
    });
}
