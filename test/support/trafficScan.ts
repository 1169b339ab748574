/**
 * A source scan for the loopback-only rule (test/unit/network-guard.test.ts runs it over test/,
 * bench/, scripts/ and .ci/): lines that would aim traffic beyond 127.0.0.0/8 and ::1.
 */
import net from 'node:net';

/** Lines in tests, benches and scripts that would aim traffic beyond loopback. */
export function nonLoopbackTraffic(text: string): string[] {
  const found: string[] = [];
  const literal = String.raw`['"\x60]\[?([0-9a-fA-F:.]+)\]?['"\x60]`;
  const nonLoopback = (ip: string) => (net.isIP(ip) ? !(ip.startsWith('127.') || ip === '::1') : false);
  text.split('\n').forEach((line, i) => {
    const at = `line ${i + 1}: ${line.trim().slice(0, 120)}`;
    if (/\bnetworkInterfaces\s*\(/.test(line)) found.push(`${at} (picks addresses from the machine's interfaces)`);
    if (/\bip\s+(-\d\s+)?addr(ess)?\s+add\b|['"]addr(ess)?['"]\s*,\s*['"]add['"]/.test(line))
      found.push(`${at} (adds an address to an interface)`);
    for (const m of line.matchAll(new RegExp(String.raw`\.listen\(\s*[^,)]+,\s*` + literal, 'g')))
      if (nonLoopback(m[1])) found.push(`${at} (listens on ${m[1]})`);
    for (const m of line.matchAll(
      new RegExp(String.raw`\b(?:connect|createConnection)\(\s*\{[^}]*host:\s*` + literal, 'g'),
    ))
      if (nonLoopback(m[1])) found.push(`${at} (connects to ${m[1]})`);
    for (const m of line.matchAll(new RegExp(String.raw`\b(?:connect|createConnection)\(\s*\d+\s*,\s*` + literal, 'g')))
      if (nonLoopback(m[1])) found.push(`${at} (connects to ${m[1]})`);
  });
  return found;
}
