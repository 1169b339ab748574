/**
 * The cloud's stand-in for tests: the engine with the stand-in's hooks (hooks.ts: anonymous
 * tokens, credits, a CDN origin, fault switches), the scripted agent, the fixture renderer,
 * private URLs allowed (test servers are on loopback), fast render steps and a temp data dir
 * (removed on close) unless one is given. Nothing in the product imports this folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureRenderer } from './fixtureRenderer';
import { ScriptedAgent } from './scriptedAgent';
import { startEngine, type Engine, type EngineOptions } from '../server';
import { startCdn, type Cdn, type CdnRequest } from './cdn';
import { Faults } from './faults';
import { createStandInHooks } from './hooks';

export type { CdnRequest } from './cdn';
export { Faults } from './faults';

export interface StandInOptions extends Partial<Omit<EngineOptions, 'hooks' | 'token'>> {
  /** Fault switches, mutable at runtime (a fresh set when omitted). */
  faults?: Faults;
  /** Credits per anonymous user (100). */
  initialCredits?: number;
  /** Anonymous token lifetime (7 days). */
  tokenTtlMs?: number;
  /** Time per render step (pending → processing…), default 20 ms. */
  renderStepMs?: number;
}

export interface StandIn extends Engine {
  /** The agent when the default one is used (queue turns with agent.enqueue). */
  agent: ScriptedAgent | undefined;
  dataDir: string;
  faults: Faults;
  /** The second origin serving render outputs (and uploads) without auth. */
  cdnUrl: string;
  /** Every request the CDN origin got, and whether it carried Authorization. */
  cdnRequests: CdnRequest[];
}

export async function startStandIn(opts: StandInOptions = {}): Promise<StandIn> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'vg-standin-'));
  const renderStepMs = opts.renderStepMs ?? 20;
  const agent = opts.agent ?? new ScriptedAgent();
  const faults = opts.faults ?? new Faults();
  const { faults: _f, initialCredits, tokenTtlMs, renderStepMs: _r, ...engineOpts } = opts;
  let cdn: Cdn | undefined;
  const engine = await startEngine({
    allowPrivateUrls: true,
    ...engineOpts,
    dataDir,
    agent,
    renderer: opts.renderer ?? new FixtureRenderer({ stepMs: renderStepMs }),
    hooks: async ({ store }) => {
      cdn = await startCdn(store, faults);
      return createStandInHooks({
        store,
        faults,
        cdn,
        renderStepMs,
        initialCredits: initialCredits ?? 100,
        tokenTtlMs: tokenTtlMs ?? 7 * 24 * 3600 * 1000,
        keepAliveMs: opts.keepAliveMs ?? 15_000,
      });
    },
  }).catch((e) => {
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });
  const close = engine.close;
  return {
    ...engine,
    agent: agent instanceof ScriptedAgent ? agent : undefined,
    dataDir,
    faults,
    cdnUrl: cdn!.url,
    cdnRequests: cdn!.requests,
    close: async () => {
      await close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
