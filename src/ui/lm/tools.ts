/**
 * Language-model tools for agents in the editor (agent mode, or any extension through
 * vscode.lm.invokeTool): make or edit the video from the workspace's media, look at a frame,
 * export. They use the window's own service (the backend from the settings, the token in
 * SecretStorage). Anything that spends credits or writes files asks first (prepareInvocation).
 * Results are for the model; the confirmations are for the person, so they come from l10n.
 */
import * as vscode from 'vscode';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frame, readProject } from '../../core/agentOps';
import { diffTimelines, summarizeTimeline } from '../../words/timeline';
import { uiWords } from '../words';
import { AllowedRoots } from '../../mcp/roots';
import type { ServiceHost } from '../serviceHost';
import { localize } from '../l10n';

export const TOOL_MAKE = 'videoGenerator_makeVideo';
export const TOOL_FRAME = 'videoGenerator_getFrame';
export const TOOL_EXPORT = 'videoGenerator_export';

interface MakeInput {
  request: string;
  files?: string[];
}
interface FrameInput {
  time_s: number;
  width?: number;
}

const isCloud = () => vscode.workspace.getConfiguration('videoGenerator').get<string>('backend') !== 'local';
const text = (s: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(s)]);

function workspaceRoots(): AllowedRoots {
  const folders = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  if (!folders.length) throw new Error('Open a folder first: the video tools read media from the workspace.');
  return new AllowedRoots(folders[0], folders.slice(1));
}

export interface LmTools {
  make: vscode.LanguageModelTool<MakeInput>;
  look: vscode.LanguageModelTool<FrameInput>;
  exportTool: vscode.LanguageModelTool<Record<string, never>>;
}

export function createLmTools(host: ServiceHost, storageDir: string): LmTools {
  const make: vscode.LanguageModelTool<MakeInput> = {
    prepareInvocation(o) {
      const n = o.input.files?.length ?? 0;
      return {
        invocationMessage: localize('Making the video…'),
        ...(isCloud()
          ? {
              confirmationMessages: {
                title: localize('Make the video with NemoVideo?'),
                message: new vscode.MarkdownString(
                  localize(
                    'This sends your request and {0} file(s) from the workspace to the NemoVideo cloud, and may spend credits.',
                    n,
                  ),
                ),
              },
            }
          : {}),
      };
    },
    async invoke(o, token) {
      const roots = workspaceRoots();
      const files = (o.input.files ?? []).map((f) => roots.file(f));
      const svc = await host.get();
      const signal = abortOn(token);
      const before = await readProject(svc, signal);
      if (files.length) await svc.upload(files, { signal });
      const outcome = await svc.send(o.input.request, { signal });
      if (outcome.kind === 'action')
        return text(
          outcome.intent === 'export'
            ? `That asks for an export: use ${TOOL_EXPORT}.`
            : 'That asks for an upload: pass the files in "files".',
        );
      const after = await readProject(svc, signal);
      const w = uiWords();
      const changes = diffTimelines(before.timeline, after.timeline, w);
      const said =
        outcome.kind === 'reply'
          ? outcome.text
          : outcome.intent === 'credits'
            ? w.credits(outcome.credits)
            : summarizeTimeline(outcome.timeline, w);
      return text(
        `${said}\n\nChanges:\n${changes.map((c) => `- ${c}`).join('\n') || '- none'}\n\nTimeline (${after.timeline.duration} s):\n${summarizeTimeline(after.timeline, w)}`,
      );
    },
  };

  const look: vscode.LanguageModelTool<FrameInput> = {
    prepareInvocation: (o) => ({ invocationMessage: localize('Rendering the frame at {0} s…', o.input.time_s) }),
    async invoke(o, token) {
      const svc = await host.get();
      const img = await frame(
        svc,
        { timeMs: Math.round(o.input.time_s * 1000), width: o.input.width ?? 540, format: 'png' },
        abortOn(token),
      );
      // Kept in the extension's storage (not the workspace): a file the person can open, too.
      const dir = join(storageDir, 'frames');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = join(dir, `frame-${Date.now()}.png`);
      writeFileSync(file, img.bytes, { mode: 0o600 });
      const parts: Array<vscode.LanguageModelTextPart | unknown> = [
        new vscode.LanguageModelTextPart(`Frame at ${o.input.time_s} s (${img.width}x${img.height}) saved as ${file}.`),
      ];
      // Image parts exist from VS Code 1.104; older hosts get the path only.
      const DataPart = (
        vscode as unknown as { LanguageModelDataPart?: { image(data: Uint8Array, mime: string): unknown } }
      ).LanguageModelDataPart;
      if (DataPart) parts.push(DataPart.image(new Uint8Array(img.bytes), img.mime));
      return new vscode.LanguageModelToolResult(parts as vscode.LanguageModelTextPart[]);
    },
  };

  const exportTool: vscode.LanguageModelTool<Record<string, never>> = {
    prepareInvocation: () => ({
      invocationMessage: localize('Exporting the video…'),
      confirmationMessages: {
        title: localize('Export the video?'),
        message: new vscode.MarkdownString(
          isCloud()
            ? localize(
                "This renders the timeline in the NemoVideo cloud (it spends credits) and writes the MP4 into the workspace's export folder.",
              )
            : localize(
                "This renders the timeline on this machine and writes the MP4 into the workspace's export folder.",
              ),
        ),
      },
    }),
    async invoke() {
      const file = await vscode.commands.executeCommand<string | undefined>('videoGenerator.export');
      return text(
        file
          ? `Exported: ${file}`
          : 'The export did not finish (cancelled or failed); see the Video Generator chat for why.',
      );
    },
  };

  return { make, look, exportTool };
}

export function registerLmTools(host: ServiceHost, storageDir: string): vscode.Disposable {
  const t = createLmTools(host, storageDir);
  return vscode.Disposable.from(
    vscode.lm.registerTool(TOOL_MAKE, t.make),
    vscode.lm.registerTool(TOOL_FRAME, t.look),
    vscode.lm.registerTool(TOOL_EXPORT, t.exportTool),
  );
}

function abortOn(token: vscode.CancellationToken): AbortSignal {
  const ac = new AbortController();
  if (token.isCancellationRequested) ac.abort();
  token.onCancellationRequested(() => ac.abort());
  return ac.signal;
}
