/** Where exported MP4s go: the `exportFolder` setting, relative paths under the first workspace folder. */
import * as path from 'node:path';
import * as vscode from 'vscode';

export function exportFolder(globalStorage: vscode.Uri): string {
  const setting = vscode.workspace.getConfiguration('videoGenerator').get<string>('exportFolder')?.trim() || 'exports';
  if (path.isAbsolute(setting)) return setting;
  const ws = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  // No folder open: keep exports in the extension's own storage rather than a random cwd.
  return path.join(ws ? ws.uri.fsPath : path.join(globalStorage.fsPath, 'exports'), setting);
}

/** Shows a file in the OS file manager on desktop, in the Explorer when remote or in a browser. */
export async function revealFile(file: vscode.Uri): Promise<void> {
  const inWorkspace = vscode.workspace.getWorkspaceFolder(file) !== undefined;
  if (vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName) {
    await vscode.commands.executeCommand('revealFileInOS', file);
  } else if (inWorkspace) {
    await vscode.commands.executeCommand('revealInExplorer', file);
  } else {
    void vscode.window.showInformationMessage(file.fsPath);
  }
}
