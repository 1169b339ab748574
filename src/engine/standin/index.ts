/**
 * The cloud's stand-in for tests: the engine in 'standin' mode with the scripted agent, the
 * fixture renderer, private URLs allowed (test servers are on loopback), fast render steps and
 * a temp data dir (removed on close) unless one is given.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureRenderer } from './fixtureRenderer';
import { ScriptedAgent } from './scriptedAgent';
import { startEngine, type Engine, type EngineOptions } from '../server';

export interface StandIn extends Engine {
  /** The agent when the default one is used (queue turns with agent.enqueue). */
  agent: ScriptedAgent | undefined;
  dataDir: string;
}

export async function startStandIn(opts: Partial<EngineOptions> & { dataDir?: string } = {}): Promise<StandIn> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'vg-standin-'));
  const renderStepMs = opts.renderStepMs ?? 20;
  const agent = opts.agent ?? new ScriptedAgent();
  const engine = await startEngine({
    allowPrivateUrls: true,
    ...opts,
    mode: 'standin',
    dataDir,
    agent,
    renderer: opts.renderer ?? new FixtureRenderer({ stepMs: renderStepMs }),
    renderStepMs,
  }).catch((e) => {
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });
  const close = engine.close;
  return {
    ...engine,
    agent: agent instanceof ScriptedAgent ? agent : undefined,
    dataDir,
    close: async () => {
      await close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
