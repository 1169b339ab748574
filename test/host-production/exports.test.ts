/**
 * No token for other extensions. This suite runs with the token probe (probe-extension/) as the
 * extension under development and Video Generator INSTALLED like a user's (so in
 * ExtensionMode.Production, as everywhere outside tests). Video Generator connects to a stand-in
 * and keeps the anonymous token it got in SecretStorage; then the probe — a second extension —
 * walks Video Generator's exports and must reach neither a token store, nor SecretStorage, nor
 * the token itself.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startStandIn, type StandIn } from '../../src/engine/standin';

const EXTENSION_ID = 'video-generator-free-app.video-generator-free-app';

interface ProbeReport {
  found: boolean;
  exportsType?: string;
  exportKeys?: string[];
  suspicious?: string[];
  leaks?: string[];
}

async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The tokens the stand-in has issued (its auth file). */
function issuedTokens(standIn: StandIn): string[] {
  try {
    return Object.keys(
      (JSON.parse(readFileSync(join(standIn.dataDir, 'auth.json'), 'utf8')) as { tokens: Record<string, unknown> })
        .tokens,
    );
  } catch {
    return [];
  }
}

describe('another extension and our token (production mode)', () => {
  let standIn: StandIn;
  before(async () => {
    standIn = await startStandIn();
  });
  after(async () => {
    await standIn?.close();
  });

  it('runs Video Generator installed, not under development', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed next to the probe`);
    const repo = process.env.VG_HOST_REPO_ROOT;
    assert.ok(repo, 'the runner names the repository');
    const where = ext.extensionUri.fsPath;
    assert.ok(!where.startsWith(repo), `loaded from the repository (${where}), not installed`);
    assert.match(
      where,
      new RegExp(`[\\/]${EXTENSION_ID.replace(/\./g, '\\.')}-\\d+\\.\\d+\\.\\d+[^\\/]*$`),
      'an installed extension folder: <publisher>.<name>-<version>',
    );
  });

  it('gives a second extension no token store, no SecretStorage and no token through its exports', async () => {
    const config = vscode.workspace.getConfiguration('videoGenerator');
    await config.update('backend', 'cloud', vscode.ConfigurationTarget.Global);
    await config.update('apiBaseUrl', standIn.url, vscode.ConfigurationTarget.Global);
    // A real session: Show Credits connects, which stores the stand-in's anonymous token.
    await vscode.commands.executeCommand('videoGenerator.showCredits');
    const [token] = await waitFor(() => {
      const t = issuedTokens(standIn);
      return t.length ? t : undefined;
    }, 'the stand-in to issue a token');
    assert.match(token, /^nmv_usr_/);

    const report = await vscode.commands.executeCommand<ProbeReport>('tokenProbe.readVideoGenerator', token);
    assert.equal(report.found, true, 'the probe sees the extension');
    assert.deepEqual(report.leaks, [], `the token was reachable through: ${report.leaks?.join(', ')}`);
    assert.deepEqual(
      report.suspicious,
      [],
      `a token store or SecretStorage was reachable through: ${report.suspicious?.join(', ')}`,
    );
    assert.equal(
      report.exportsType,
      'undefined',
      `exports should be empty, got keys: ${report.exportKeys?.join(', ')}`,
    );
  });
});
