/**
 * `video-gen mcp`: the MCP server on stdio. stdout carries the protocol only; notices go to
 * stderr (and only warnings unless VIDEO_GEN_VERBOSE is set). The draft's JSON Schema is a
 * resource, so an agent can author drafts for save_draft.
 */
import { join } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { draftJsonSchema } from '../contract/draftSchema';
import type { Logger } from '../core/ports';
import { ExportJobs } from './exportJobs';
import { Projects, type Backend } from './projects';
import { AllowedRoots } from './roots';
import { registerTools } from './tools';

export interface McpOptions {
  version: string;
  language: string;
  cwd: string;
  allow: string[];
  defaultBackend: Backend;
  dataDir?: string;
  apiBase?: string;
}

export const DRAFT_SCHEMA_URI = 'video-gen://schema/draft';

function stderrLogger(): Logger {
  const verbose = !!process.env.VIDEO_GEN_VERBOSE;
  const w = (m: string) => process.stderr.write(`${m}\n`);
  return {
    trace: () => {},
    debug: (m) => {
      if (verbose) w(m);
    },
    info: (m) => {
      if (verbose) w(m);
    },
    warn: w,
    error: w,
  };
}

export function createMcpServer(o: McpOptions): { server: McpServer; close: () => Promise<void> } {
  const roots = new AllowedRoots(o.cwd, o.allow);
  const projects = new Projects({
    version: o.version,
    language: o.language,
    dataDir: o.dataDir,
    apiBase: o.apiBase,
    log: stderrLogger(),
  });
  const exports = new ExportJobs();
  const server = new McpServer(
    { name: 'video-gen', version: o.version },
    {
      instructions:
        'Make short videos from photos and clips: create_video_project → upload_asset → edit_video ("turn these photos into a 30-second promo video with music and text overlays") → get_project_frame / get_contact_sheet to check → render_video → get_render_status until done. To author a timeline yourself, read the schema resource and use save_draft with the version from get_video_project.',
    },
  );
  server.registerResource(
    'draft-schema',
    DRAFT_SCHEMA_URI,
    {
      title: 'Draft JSON Schema',
      description: 'The JSON Schema of a video draft (timeline) for save_draft.',
      mimeType: 'application/schema+json',
    },
    async (uri) => ({
      contents: [
        { uri: uri.href, mimeType: 'application/schema+json', text: JSON.stringify(draftJsonSchema(), null, 2) },
      ],
    }),
  );
  registerTools(server, {
    projects,
    roots,
    exports,
    defaultBackend: o.defaultBackend,
    exportFolder: join(roots.dirs[0], 'exports'),
  });
  return {
    server,
    close: async () => {
      await exports.closeAll();
      await projects.close();
      await server.close();
    },
  };
}

/** Serves on stdin/stdout until the client closes the stream or a signal arrives. */
export async function runMcpServer(o: McpOptions, signal: AbortSignal): Promise<void> {
  const { server, close } = createMcpServer(o);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.connect(transport);
  await closed;
  await close();
}
