/**
 * Fetches a media URL for a URL upload, safely: http(s) only, redirects followed by hand (max 5)
 * with every hop checked, and no loopback/private/link-local destination unless allowed — the
 * address is resolved and checked first, then that very address is connected to (no DNS
 * rebinding between check and use).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { LookupFunction } from 'node:net';

export class UrlRefused extends Error {}

export interface OpenedUrl {
  stream: IncomingMessage;
  /** A file name from the final URL's path (may be empty). */
  name: string;
  finalUrl: string;
}

export interface UrlFetchOptions {
  allowPrivate: boolean;
  maxRedirects?: number;
  /** Idle socket timeout. */
  timeoutMs?: number;
  /**
   * The whole download, redirects and body included (default 10 min): a server that drips a
   * byte now and then never trips the idle timeout, so this is what ends it.
   */
  deadlineMs?: number;
  /**
   * Which resolved addresses count as private (default isPrivateAddress). The engine passes its
   * own policy through; tests use it to treat one loopback address as "public" so the per-hop
   * check can be exercised without sending traffic outside the machine.
   */
  isPrivate?: (ip: string) => boolean;
}

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
// Also the ranges that embed an IPv4 address (IPv4-compatible ::/96, ::ffff:0:0:0/96, 6to4
// 2002::/16) and the deprecated site-local fec0::/10: each could smuggle a loopback or private v4.
for (const [net, bits] of [
  ['::', 96],
  ['::1', 128],
  ['::ffff:0:0:0', 96],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

/** Loopback, private, link-local, CGNAT, multicast or unspecified. */
export function isPrivateAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) return blocked.check(ip, 'ipv6');
  return true;
}

async function resolveChecked(
  host: string,
  allowPrivate: boolean,
  isPrivate: (ip: string) => boolean,
): Promise<{ address: string; family: number }> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addrs = isIP(bare)
    ? [{ address: bare, family: isIP(bare) }]
    : await lookup(bare, { all: true }).catch(() => {
        throw new UrlRefused(`The host "${bare}" could not be resolved. Check the URL.`);
      });
  if (!allowPrivate) {
    const bad = addrs.find((a) => isPrivate(a.address));
    if (bad)
      throw new UrlRefused(
        `The URL points at a private or local network address (${bare}); only public http(s) URLs can be uploaded.`,
      );
  }
  if (!addrs.length) throw new UrlRefused(`The host "${bare}" has no address.`);
  return addrs[0];
}

function once(url: URL, addr: { address: string; family: number }, timeoutMs: number): Promise<IncomingMessage> {
  const pinned: LookupFunction = (_host, options, cb) => {
    if (options.all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [addr]);
    else cb(null, addr.address, addr.family);
  };
  const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
    method: 'GET',
    lookup: pinned,
    headers: { 'User-Agent': 'video-generator-free-app-engine', Accept: '*/*' },
  });
  return new Promise((resolve, reject) => {
    req.setTimeout(timeoutMs, () =>
      req.destroy(new UrlRefused(`The server at ${url.host} did not answer within ${Math.round(timeoutMs / 1000)} s.`)),
    );
    req.on('response', resolve);
    req.on('error', (e) =>
      reject(
        e instanceof UrlRefused
          ? e
          : new UrlRefused(`Could not download ${url.host}${url.pathname}: ${(e as Error).message}`),
      ),
    );
    req.end();
  });
}

export const URL_DOWNLOAD_DEADLINE_MS = 10 * 60_000;

export async function openUrl(raw: string, opts: UrlFetchOptions): Promise<OpenedUrl> {
  const deadlineMs = opts.deadlineMs ?? URL_DOWNLOAD_DEADLINE_MS;
  let active: IncomingMessage | undefined;
  let expired: UrlRefused | undefined;
  const timer = setTimeout(() => {
    const minutes =
      deadlineMs >= 60_000 ? `${Math.round(deadlineMs / 60_000)} min` : `${Math.round(deadlineMs / 1000)} s`;
    expired = new UrlRefused(
      `Downloading ${raw.slice(0, 200)} took longer than ${minutes}, so it was stopped. Download the file yourself and upload it as a file.`,
    );
    active?.destroy(expired);
  }, deadlineMs);
  timer.unref();
  try {
    const opened = await follow(raw, opts, (res) => {
      active = res;
    });
    if (expired) throw expired;
    opened.stream.once('close', () => clearTimeout(timer));
    return opened;
  } catch (e) {
    clearTimeout(timer);
    throw expired ?? e;
  }
}

async function follow(
  raw: string,
  opts: UrlFetchOptions,
  onResponse: (res: IncomingMessage) => void,
): Promise<OpenedUrl> {
  const maxRedirects = opts.maxRedirects ?? 5;
  let current = raw;
  for (let hop = 0; hop <= maxRedirects; hop += 1) {
    let url: URL;
    try {
      url = new URL(current);
    } catch {
      throw new UrlRefused(`"${current.slice(0, 200)}" is not a valid URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new UrlRefused(
        `Only http:// and https:// URLs can be uploaded (got ${url.protocol}). Upload local files as files instead.`,
      );
    }
    if (url.username || url.password) throw new UrlRefused('URLs with a user name or password are not accepted.');
    const addr = await resolveChecked(url.hostname, opts.allowPrivate, opts.isPrivate ?? isPrivateAddress);
    const res = await once(url, addr, opts.timeoutMs ?? 30_000);
    onResponse(res);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      current = new URL(res.headers.location, url).toString();
      continue;
    }
    if (status < 200 || status >= 300) {
      res.resume();
      throw new UrlRefused(`Downloading ${url.host}${url.pathname} failed: the server answered HTTP ${status}.`);
    }
    const last = url.pathname.split('/').pop() ?? '';
    let name = last;
    try {
      name = decodeURIComponent(last);
    } catch {
      /* keep it encoded */
    }
    return { stream: res, name, finalUrl: url.toString() };
  }
  throw new UrlRefused(`Too many redirects (more than ${maxRedirects}) for ${raw.slice(0, 200)}.`);
}
