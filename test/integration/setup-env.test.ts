/**
 * The nested installs of scripts/setup-vscode.mjs start from a clean environment. Under
 * `npm test` the outer npm (Node 20) exports its config as npm_config_*; an inner npm read them
 * back as its own, so code-server's postinstall saw "node/v20" in the user agent and refused
 * Node 24 — on every machine whose cache was still empty. Here a real `npm install` of a local
 * package (no network) runs into an empty folder under such an environment, and the package's
 * postinstall records what it was given.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupLib } from '../e2e/helpers/harness';

/** What the outer `npm test` leaves in the environment, with recognisable values. */
function leakyEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    npm_config_user_agent: 'npm/0.0.0 node/v0.0.0-leaked linux x64',
    npm_config_vg_leak_probe: 'leaked',
    npm_lifecycle_event: 'test',
    npm_package_name: 'outer-package',
    NODE: '/nonexistent/outer/node',
    INIT_CWD: '/nonexistent/outer',
    PATH: `/nonexistent/outer/node_modules/.bin:${process.env.PATH ?? ''}`,
  };
}

/** A package tarball whose postinstall writes its environment's interesting parts to seen.json. */
function probeTarball(dir: string): string {
  const pkg = join(dir, 'package');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({ name: 'vg-env-probe', version: '1.0.0', scripts: { postinstall: 'node record.js' } }),
  );
  writeFileSync(
    join(pkg, 'record.js'),
    `require('fs').writeFileSync(require('path').join(__dirname, 'seen.json'), JSON.stringify({
    version: process.version, ua: process.env.npm_config_user_agent, probe: process.env.npm_config_vg_leak_probe,
    packageName: process.env.npm_package_name, node: process.env.NODE, path: process.env.PATH }));`,
  );
  const tgz = join(dir, 'vg-env-probe-1.0.0.tgz');
  const r = spawnSync('tar', ['czf', tgz, '-C', dir, 'package'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return tgz;
}

test(
  'cleanInstallEnv drops npm_* variables, NODE, INIT_CWD and the outer run-script PATH entries',
  { timeout: 10_000 },
  async () => {
    const { cleanInstallEnv } = await setupLib();
    const env = cleanInstallEnv(
      {
        npm_config_user_agent: 'npm/11 node/v20',
        NPM_CONFIG_NODEDIR: '/usr',
        npm_execpath: '/x',
        NODE: '/usr/bin/node',
        INIT_CWD: '/w',
        HOME: '/home/me',
        PATH: '/w/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/bin',
      },
      { npm_config_nodedir: '/opt/node24' },
    );
    assert.deepEqual(env, { HOME: '/home/me', PATH: '/usr/bin', npm_config_nodedir: '/opt/node24' });
  },
);

test(
  "a nested npm install into an empty folder sees its own npm config, not the outer npm's",
  { timeout: 120_000 },
  async () => {
    const { nestedNpmInstall, vscodePaths } = await setupLib();
    const dir = mkdtempSync(join(tmpdir(), 'vg-setup-env-'));
    try {
      const tgz = probeTarball(dir);
      const prefix = join(dir, 'empty-cache', 'probe');
      mkdirSync(prefix, { recursive: true });
      // With the cached Node 24 when this machine has it: then this is exactly code-server's case.
      const node24 = vscodePaths().nodeHome;
      const nodeHome = existsSync(join(node24, 'bin', 'node')) ? node24 : undefined;
      nestedNpmInstall(prefix, tgz, { env: leakyEnv(), nodeHome });
      const seenFile = join(prefix, 'node_modules', 'vg-env-probe', 'seen.json');
      assert.ok(existsSync(seenFile), 'the postinstall ran');
      const seen = JSON.parse(readFileSync(seenFile, 'utf8')) as Record<string, string | undefined>;
      assert.doesNotMatch(seen.ua ?? '', /leaked/, 'the outer user agent reached the inner npm');
      assert.match(
        seen.ua ?? '',
        new RegExp(`node/${seen.version!.replace(/\./g, '\\.')}\\b`),
        'the user agent names the Node that runs the install',
      );
      assert.equal(seen.probe, undefined, 'an outer npm_config_* value reached the inner npm');
      assert.notEqual(seen.packageName, 'outer-package');
      assert.notEqual(seen.node, '/nonexistent/outer/node');
      assert.doesNotMatch(seen.path ?? '', /nonexistent\/outer/);
      if (nodeHome) assert.match(seen.version!, /^v24\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
