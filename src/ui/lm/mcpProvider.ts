/**
 * Offers `video-gen mcp` to VS Code's agent mode with no configuration: the extension's own
 * bundled CLI, run by the editor's Node (ELECTRON_RUN_AS_NODE), in the first workspace folder
 * with the other folders allowed. It starts on the free local engine (an agent should not
 * spend credits unasked); its state lives in the extension's storage, apart from the CLI's.
 * No token is passed: the server never needs the editor's secrets.
 */
import * as vscode from 'vscode';
import { join } from 'node:path';
import { localize } from '../l10n';

export const MCP_PROVIDER_ID = 'videoGenerator.mcpServers';

export function mcpServerDefinitions(
  extensionPath: string,
  storageDir: string,
  version: string,
): vscode.McpStdioServerDefinition[] {
  const folders = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  if (!folders.length) return []; // no folder, no files an agent could use
  const apiBase =
    vscode.workspace.getConfiguration('videoGenerator').get<string>('apiBaseUrl') ||
    'https://mega-api-prod.nemovideo.ai';
  const args = [
    join(extensionPath, 'dist', 'cli.js'),
    'mcp',
    '--backend',
    'local',
    '--api-base',
    apiBase,
    '--data',
    join(storageDir, 'mcp-engine'),
    ...folders.slice(1).flatMap((f) => ['--allow', f]),
  ];
  const def = new vscode.McpStdioServerDefinition(
    localize('Video Generator'),
    process.execPath,
    args,
    { ELECTRON_RUN_AS_NODE: '1', VIDEO_GEN_CONFIG_DIR: join(storageDir, 'mcp') },
    version,
  );
  def.cwd = vscode.Uri.file(folders[0]);
  return [def];
}

export function registerMcpProvider(context: vscode.ExtensionContext, version: string): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.McpServerDefinitionProvider = {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: () =>
      mcpServerDefinitions(context.extensionPath, context.globalStorageUri.fsPath, version),
  };
  return vscode.Disposable.from(
    changed,
    vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('videoGenerator.apiBaseUrl')) changed.fire();
    }),
    vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider),
  );
}
