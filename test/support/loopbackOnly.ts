/**
 * Loaded into every node:test process (`--import`, see scripts/test.mjs): tests may talk only to
 * the loopback range (127.0.0.0/8, ::1, "localhost") — never to this machine's other interfaces
 * and never to anything outside. A connect, a listen or a DNS query for any other destination
 * throws at once, so a test that would send such traffic fails loudly instead of sending it.
 * test/unit/network-guard.test.ts checks that this guard is in force.
 */
import net from 'node:net';
import dns from 'node:dns';

export class NonLoopbackTraffic extends Error {}

function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

function refuse(what: string, host: string): never {
  throw new NonLoopbackTraffic(
    `test network guard: ${what} ${host} refused — tests may only use 127.0.0.0/8, ::1 or localhost`,
  );
}

/** The destination of Socket#connect's many call shapes ([options], [port, host], [path]). */
function connectHost(args: unknown[]): string | undefined {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first && typeof first === 'object') {
    const o = first as { host?: string; path?: string };
    if (o.path) return undefined; // a Unix socket or named pipe
    return o.host ?? 'localhost';
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  return undefined; // a path
}

/** The address Server#listen binds ([port, host], [options]); undefined host = every interface. */
function listenHost(args: unknown[]): { host?: string; network: boolean } {
  const first = args[0];
  if (first && typeof first === 'object' && !('_handle' in (first as object))) {
    const o = first as { host?: string; port?: number; path?: string };
    if (o.path) return { network: false };
    return { host: o.host, network: true };
  }
  if (
    typeof first === 'number' ||
    (typeof first === 'string' && /^\d+$/.test(first)) ||
    first === undefined ||
    typeof first === 'function'
  ) {
    return { host: typeof args[1] === 'string' ? args[1] : undefined, network: true };
  }
  return { network: false }; // a path or a handle
}

type LookupCallback = (
  err: Error | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;
type Lookup = (host: string, options: object, cb: LookupCallback) => void;

/** A caller's own resolver may map a name anywhere: check what it answers before net connects. */
function guardLookup(custom: Lookup): Lookup {
  return (host, options, cb) =>
    custom(host, options, (err, address, family) => {
      const all = Array.isArray(address) ? address.map((a) => a.address) : [address];
      const bad = err ? undefined : all.find((a) => !isLoopbackHost(a));
      if (bad)
        cb(
          new NonLoopbackTraffic(
            `test network guard: connect to ${bad} (resolved from ${host}) refused — tests may only use 127.0.0.0/8, ::1 or localhost`,
          ),
          address,
          family,
        );
      else cb(err, address, family);
    });
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const host = connectHost(args);
  // Names go through a resolver: the default one is guarded below (only localhost resolves), a
  // caller's own is wrapped here. Literal addresses are checked at once.
  if (host !== undefined && net.isIP(host.replace(/^\[|\]$/g, '')) && !isLoopbackHost(host)) refuse('connect to', host);
  const first = (Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0]) as { lookup?: Lookup } | undefined;
  if (first && typeof first === 'object' && typeof first.lookup === 'function')
    first.lookup = guardLookup(first.lookup);
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof connect;

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function guardedListen(this: net.Server, ...args: unknown[]) {
  const { host, network } = listenHost(args);
  // No host means every interface: the machine's external addresses would accept connections.
  if (network && (host === undefined || !isLoopbackHost(host)))
    refuse('listen on', host ?? 'every interface (no host given)');
  return (listen as (...a: unknown[]) => net.Server).apply(this, args);
} as typeof listen;

// Name lookups other than localhost would send a DNS query off the machine: answer "not found"
// locally instead (what a closed network answers too), so code paths that resolve names still run.
const notFound = (host: string) =>
  Object.assign(new Error(`getaddrinfo ENOTFOUND ${host} (test network guard: no DNS outside loopback)`), {
    code: 'ENOTFOUND',
    hostname: host,
  });
const lookup = dns.lookup;
dns.lookup = function guardedLookup(host: string, ...rest: unknown[]) {
  if (typeof host === 'string' && !isLoopbackHost(host) && !net.isIP(host)) {
    const cb = rest[rest.length - 1] as (e: Error) => void;
    process.nextTick(() => cb(notFound(host)));
    return {} as never;
  }
  return (lookup as (...a: unknown[]) => unknown).call(dns, host, ...rest);
} as typeof dns.lookup;
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = function guardedLookupPromise(host: string, ...rest: unknown[]) {
  if (typeof host === 'string' && !isLoopbackHost(host) && !net.isIP(host)) return Promise.reject(notFound(host));
  return (lookupPromise as (...a: unknown[]) => Promise<unknown>).call(dns.promises, host, ...rest);
} as typeof dns.promises.lookup;

(globalThis as { __vgLoopbackOnly?: boolean }).__vgLoopbackOnly = true;
