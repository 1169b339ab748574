/**
 * Agents in the editor: the language-model tools invoked through vscode.lm.invokeTool (no
 * Copilot needed) on the local backend; which invocations ask the person first (the test
 * driver accepts VS Code's confirmation dialog, so the confirmations are checked at
 * prepareInvocation); and the MCP server definition offered to agent mode — spawned as VS Code
 * would and listed by a real MCP client.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { mcpServerDefinitions } from '../../src/ui/lm/mcpProvider';
import { createLmTools, TOOL_EXPORT, TOOL_FRAME, TOOL_MAKE } from '../../src/ui/lm/tools';
import { EXTENSION_ID, makePng, testApi, workspaceDir } from './helpers';

function textOf(r: vscode.LanguageModelToolResult): string {
  return r.content
    .filter((p): p is vscode.LanguageModelTextPart => p instanceof vscode.LanguageModelTextPart)
    .map((p) => p.value)
    .join('\n');
}

const invoke = (name: string, input: object): Promise<vscode.LanguageModelToolResult> =>
  Promise.resolve(vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }));

describe('language-model tools and the MCP server', () => {
  const config = () => vscode.workspace.getConfiguration('videoGenerator');
  before(async function () {
    this.timeout(60_000);
    const api = await testApi();
    api.setServiceOverrides({ env: {}, pollIntervalStartMs: 100, pollIntervalCapMs: 300 });
    await api.tokenStore.delete();
    await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
    await api.host.reset();
    const dir = join(workspaceDir(), 'lm-photos');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'red.png'), makePng(320, 240, [200, 40, 40]));
    writeFileSync(join(dir, 'blue.png'), makePng(320, 240, [40, 60, 200]));
  });
  after(async () => {
    await config().update('backend', undefined, vscode.ConfigurationTarget.Global);
    await (await testApi()).host.reset();
  });

  it('contributes the make, frame and export tools', () => {
    const names = vscode.lm.tools.map((t) => t.name);
    for (const n of [TOOL_MAKE, TOOL_FRAME, TOOL_EXPORT]) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
  });

  it('makeVideo uploads workspace photos and makes the video on the local engine', async function () {
    this.timeout(120_000);
    const r = await invoke(TOOL_MAKE, {
      request: 'a 4 second square video with music and the title "Agent Made"',
      files: ['lm-photos/red.png', 'lm-photos/blue.png'],
    });
    const text = textOf(r);
    assert.match(text, /Agent Made/);
    assert.match(text, /Changes:\n- /);
    assert.match(text, /red\.png/);
  });

  it('getFrame renders a frame as a PNG (and an image part where the host supports it)', async function () {
    this.timeout(120_000);
    const r = await invoke(TOOL_FRAME, { time_s: 1, width: 360 });
    const m = /\((\d+)x(\d+)\) saved as (\S+\.png)\./.exec(textOf(r));
    assert.ok(m, textOf(r));
    assert.deepEqual([Number(m[1]), Number(m[2])], [360, 360]);
    assert.deepEqual([...readFileSync(m[3]).subarray(1, 4)], [...Buffer.from('PNG')]);
    const data = r.content.find((p) => (p as { mimeType?: string }).mimeType) as
      { mimeType: string; data: Uint8Array } | undefined;
    if ((vscode as unknown as { LanguageModelDataPart?: unknown }).LanguageModelDataPart)
      assert.equal(data?.mimeType, 'image/png');
  });

  it('a frame past the end is an error the model can act on', async function () {
    this.timeout(60_000);
    await assert.rejects(invoke(TOOL_FRAME, { time_s: 99 }), /past the end of the timeline/);
  });

  it('a file outside the workspace is refused', async function () {
    this.timeout(60_000);
    await assert.rejects(invoke(TOOL_MAKE, { request: 'add this', files: ['/etc/hostname'] }), /outside the folders/);
  });

  it('asks first for what writes files or spends credits: export always, make on the cloud only', async () => {
    const api = await testApi();
    const tools = createLmTools(api.host, tmpdir());
    const none = new vscode.CancellationTokenSource().token;
    const prep = async (t: vscode.LanguageModelTool<any>, input: object) =>
      (await t.prepareInvocation!({ input }, none)) ?? {};
    const exp = await prep(tools.exportTool, {});
    assert.match(String(exp.confirmationMessages?.title), /Export/);
    assert.match((exp.confirmationMessages?.message as vscode.MarkdownString).value, /writes the MP4/);
    assert.equal(
      (await prep(tools.make, { request: 'x' })).confirmationMessages,
      undefined,
      'local: nothing to confirm',
    );
    assert.equal(
      (await prep(tools.look, { time_s: 1 })).confirmationMessages,
      undefined,
      'a frame writes nothing in the workspace',
    );
    await config().update('backend', 'cloud', vscode.ConfigurationTarget.Global);
    try {
      const cloud = await prep(tools.make, { request: 'x', files: ['a.png', 'b.png'] });
      assert.match((cloud.confirmationMessages?.message as vscode.MarkdownString).value, /2 file\(s\).*credits/);
      assert.match(
        ((await prep(tools.exportTool, {})).confirmationMessages!.message as vscode.MarkdownString).value,
        /spends credits/,
      );
    } finally {
      await config().update('backend', 'local', vscode.ConfigurationTarget.Global);
      await api.host.reset();
    }
  });

  it("export (confirmed) writes the MP4 into the workspace's export folder", async function () {
    this.timeout(180_000);
    const r = textOf(await invoke(TOOL_EXPORT, {}));
    const m = /^Exported: (.+\.mp4)$/.exec(r);
    assert.ok(m, r);
    assert.ok(m[1].startsWith(join(workspaceDir(), 'exports')));
    assert.equal(readFileSync(m[1]).subarray(4, 8).toString('latin1'), 'ftyp');
  });

  it('the MCP server definition runs the bundled CLI; an MCP client lists its tools', async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [def] = mcpServerDefinitions(ext.extensionPath, mkdtempSync(join(tmpdir(), 'vg-host-mcp-')), '0.0.0');
    assert.ok(def, 'a definition while a folder is open');
    assert.equal(def.cwd?.fsPath, workspaceDir());
    assert.ok(!JSON.stringify(def).match(/token/i), 'no token in the definition');
    const transport = new StdioClientTransport({
      command: def.command,
      args: def.args,
      cwd: def.cwd?.fsPath,
      env: {
        PATH: process.env.PATH ?? '',
        ...Object.fromEntries(Object.entries(def.env).map(([k, v]) => [k, String(v)])),
      },
    });
    const client = new Client({ name: 'host-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      assert.ok(tools.some((t) => t.name === 'get_project_frame'));
      assert.ok(tools.some((t) => t.name === 'render_video'));
    } finally {
      await client.close();
    }
  });
});
