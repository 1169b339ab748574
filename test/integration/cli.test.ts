/** The `video-gen` CLI as a user runs it: the built bundle, spawned, against the stand-in. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStandIn, type StandIn } from '../../src/engine/standin';
import { tempDir, writePngs } from './coreHelpers';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
let s: StandIn;
let home: string;
before(async () => {
  s = await startStandIn();
  home = tempDir('vg-cli-');
});
after(async () => {
  await s.close();
});

function run(
  args: string[],
  env: Record<string, string> = {},
  cwd = home,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', VIDEO_GEN_CONFIG_DIR: join(home, 'config'), NEMO_API_BASE: s.url, ...env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => {
      stdout += d;
    });
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test('--help prints usage and exits 0', async () => {
  const r = await run(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /video-gen make/);
});

test('wrong arguments: a usage message and exit code 2', async () => {
  for (const args of [
    [],
    ['frobnicate'],
    ['chat'],
    ['status', 'extra'],
    ['export', '--backend', 'mars'],
    ['credits', '-o', 'x.mp4'],
    ['serve', '--port', 'abc'],
  ]) {
    const r = await run(args);
    assert.equal(r.code, 2, `exit 2 for ${args.join(' ')}`);
    assert.match(r.stderr, /Usage:/);
  }
});

test('credits, status and chat against the service; the token file is 0600', async () => {
  const c = await run(['credits', '--json']);
  assert.equal(c.code, 0, c.stderr);
  assert.equal(JSON.parse(c.stdout).available, 100);
  const mode = statSync(join(home, 'config', 'token.json')).mode & 0o777;
  assert.equal(mode, 0o600);
  const chat = await run(['chat', 'make a 10 second video']);
  assert.equal(chat.code, 0, chat.stderr);
  assert.match(chat.stdout, /\w+/);
  const status = await run(['status']);
  assert.equal(status.code, 0);
  assert.match(status.stdout, /Video|Title|BGM/);
});

test('make: upload, describe, export and download in one go', async () => {
  const dir = tempDir('vg-cli-make-');
  const files = writePngs(dir, ['a.png', 'b.png', 'c.png']);
  const out = join(dir, 'promo.mp4');
  const r = await run(['make', 'turn these photos into a 10-second promo video with music', ...files, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split('\n').at(-1), out);
  assert.ok(existsSync(out));
  assert.equal(readFileSync(out).subarray(4, 8).toString('latin1'), 'ftyp');
});

test('service refusals exit 3, network failures exit 4', async () => {
  s.faults.failNext('credits', { code: 2001 });
  const r = await run(['credits']);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /credits/i);
  const n = await run(['credits'], { NEMO_API_BASE: 'http://127.0.0.1:9' });
  assert.equal(n.code, 4);
  assert.match(n.stderr, /Could not reach/);
});

test('serve: the local engine on 127.0.0.1 with its token in a 0600 file; a client with that token gets unlimited credits', async () => {
  const data = tempDir('vg-cli-serve-');
  const p = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', data], {
    env: { PATH: process.env.PATH ?? '', VIDEO_GEN_CONFIG_DIR: join(home, 'config') },
  });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      p.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      p.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const tokenFile = join(data, 'engine-token');
    assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
    const token = readFileSync(tokenFile, 'utf8');
    assert.ok(!out.includes(token), 'the token is not printed');
    const ok = await run(['credits', '--json'], { NEMO_API_BASE: url, NEMO_TOKEN: token });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).unlimited, true);
    const denied = await run(['credits'], { NEMO_API_BASE: url, NEMO_TOKEN: 'wrong' });
    assert.equal(denied.code, 3);
  } finally {
    p.kill('SIGINT');
  }
});

test('make --backend local: a real MP4 from the free engine, no cloud involved', async () => {
  const dir = tempDir('vg-cli-local-');
  const files = writePngs(dir, ['one.png', 'two.png']);
  const out = join(dir, 'local.mp4');
  const r = await run(
    [
      'make',
      'a 4 second square video with music',
      ...files,
      '-o',
      out,
      '--backend',
      'local',
      '--data',
      join(dir, 'engine'),
    ],
    { NEMO_API_BASE: 'http://127.0.0.1:9' },
  );
  assert.equal(r.code, 0, r.stderr);
  const probe = JSON.parse(
    execFileSync(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'stream=codec_name,width,height:format=duration', '-of', 'json', out],
      { encoding: 'utf8' },
    ),
  );
  assert.deepEqual(
    probe.streams.map((s: { codec_name: string }) => s.codec_name),
    ['h264', 'aac'],
  );
  assert.deepEqual([probe.streams[0].width, probe.streams[0].height], [1080, 1080]);
  assert.ok(Math.abs(Number(probe.format.duration) - 4) < 0.1);
  // The engine on loopback is polled fast: the render's progress shows as it happens, not in
  // one or two jumps (the cloud's 2 s..30 s back-off printed "Rendering… 5%" and then the end).
  const steps = new Set([...r.stderr.matchAll(/Rendering… (\d+)%/g)].map((m) => m[1]));
  assert.ok(steps.size >= 4, `progress as it happens: ${[...steps].join(', ')}%`);
  // A later run on the same engine data continues the same session (the port changes, the data dir does not).
  const status = await run(['status', '--backend', 'local', '--data', join(dir, 'engine')]);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /one\.png/);
});

test('chat: a turn that answers with no text still prints what happened', async () => {
  await run(['new-session']);
  s.faults.stream = 'silent-close';
  try {
    const r = await run(['chat', 'make a 10 second video']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /updated the timeline|did not change/);
  } finally {
    s.faults.reset();
  }
});

/** Three English words in a row: a sentence. File names, paths, product names and numbers are not. */
const ENGLISH_SENTENCE = /\b[A-Za-z]{2,}(?:[ ,;:'’-]+[A-Za-z]{2,}){2,}\b/;

test(
  'LANG=zh_CN.UTF-8: a whole local journey (make, status, credits, an edit, a refusal) prints no English sentence',
  { timeout: 240_000 },
  async () => {
    const dir = tempDir('vg-cli-zh-');
    const files = writePngs(dir, ['one.png', 'two.png', 'three.png']);
    const out = join(dir, 'zh.mp4');
    const env = { LANG: 'zh_CN.UTF-8', NEMO_API_BASE: 'http://127.0.0.1:9' };
    const local = ['--backend', 'local', '--data', join(dir, 'engine')];
    const runs = [
      await run(['make', '用这些照片做一个6秒的方形视频，加音乐和标题', ...files, '-o', out, ...local], env),
      await run(['status', ...local], env),
      await run(['credits', ...local], env),
      await run(['chat', '把标题改成「海边的一天」', ...local], env),
      await run(['chat', '状态', ...local], env),
    ];
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    const refused = await run(['upload', join(dir, 'missing.png'), ...local], env);
    assert.notEqual(refused.code, 0);
    const all = [...runs, refused].flatMap((r) => [r.stdout, r.stderr]).join('\n');
    const english = all.split('\n').filter((line) => ENGLISH_SENTENCE.test(line.replace(/(?:\/[\w.-]+)+/g, ' ')));
    assert.deepEqual(english, [], 'lines with an English sentence');
    assert.ok(existsSync(out));
    assert.match(runs[1].stdout, /视频：one\.png/, 'the summary is worded in Chinese');
    assert.match(runs[2].stdout, /积分无限/);
    assert.match(all, /[\u4e00-\u9fff]/);
    // The same journey's words in English with --lang en: the test above can fail.
    const english2 = await run(['credits', ...local, '--lang', 'en'], env);
    assert.ok(ENGLISH_SENTENCE.test(english2.stdout), english2.stdout);
  },
);

test(
  "LANG=zh_CN.UTF-8: the engine's own refusal (a caption over the text limit at export) is printed in Chinese with its numbers",
  { timeout: 180_000 },
  async () => {
    const dir = tempDir('vg-cli-zh-limit-');
    const files = writePngs(dir, ['one.png', 'two.png', 'three.png']);
    const env = { LANG: 'zh_CN.UTF-8', NEMO_API_BASE: 'http://127.0.0.1:9' };
    const data = join(dir, 'engine');
    const local = ['--backend', 'local', '--data', data];
    for (const r of [
      await run(['upload', ...files, ...local], env),
      await run(['chat', '做一个6秒的视频', ...local], env),
    ])
      assert.equal(r.code, 0, r.stderr);
    // A 1,000-character caption in the stored draft, as an older client or a hand edit leaves it
    // (every path that saves refuses it now); the engine reads the file when the CLI starts it.
    const sessions = join(data, 'sessions');
    const [file] = readdirSync(sessions).filter((f) => f.endsWith('.json'));
    const session = JSON.parse(readFileSync(join(sessions, file), 'utf8'));
    session.draft.t.push({ tt: 7, sg: [{ s: 0, d: 2000, m: { text: '夏'.repeat(1000), role: 'caption' } }] });
    writeFileSync(join(sessions, file), JSON.stringify(session));

    const r = await run(['export', '-o', join(dir, 'never.mp4'), ...local], env);
    assert.notEqual(r.code, 0);
    assert.match(
      r.stderr,
      /第 \d+ 段文字（“夏+…”）有 1000 个字符；一个标题或字幕最多 500 个字符。请缩短，或拆成几条字幕。没有开始渲染。/,
    );
    const english = `${r.stdout}\n${r.stderr}`
      .split('\n')
      .filter((line) => ENGLISH_SENTENCE.test(line.replace(/(?:\/[\w.-]+)+/g, ' ')));
    assert.deepEqual(english, [], 'lines with an English sentence');
    assert.ok(!existsSync(join(dir, 'never.mp4')));
    // --lang en: the same refusal in the English table's words.
    const en = await run(['export', '-o', join(dir, 'never.mp4'), ...local, '--lang', 'en'], env);
    assert.match(
      en.stderr,
      /is 1,000 characters long; a title or caption may have at most 500\. .*Nothing was rendered\./,
    );
    // --json: the refusal as data, for scripts.
    const json = await run(['export', '-o', join(dir, 'never.mp4'), ...local, '--json'], env);
    const refusal = JSON.parse(json.stdout.trim().split('\n').at(-1)!).error.refusal;
    assert.deepEqual(
      {
        reason: refusal.reason,
        stage: refusal.stage,
        kind: refusal.kind,
        actual: refusal.actual,
        limit: refusal.limit,
      },
      { reason: 'text_limit', stage: 'render', kind: 'itemChars', actual: 1000, limit: 500 },
    );
  },
);
