/**
 * The loopback guard's probes, run by test/unit/network-guard.test.ts in a child process inside
 * a network namespace of its own (`unshare -rn`: only a down `lo`), so that even a broken guard
 * could not send a packet anywhere. Prints one JSON object: what each probe saw.
 */
import net from 'node:net';
import dns from 'node:dns';

const DOC_NET = ['192', '0', '2', '1'].join('.'); // TEST-NET-1 (documentation only)

function thrown(f: () => unknown): string {
  try {
    f();
    return 'no error';
  } catch (e) {
    return (e as Error).message;
  }
}

async function main(): Promise<void> {
  const out: Record<string, string> = {};
  out.guarded = String((globalThis as { __vgLoopbackOnly?: boolean }).__vgLoopbackOnly === true);
  out.connectLiteral = thrown(() => net.connect({ host: DOC_NET, port: 9 }).on('error', () => undefined));
  out.connectV6 = thrown(() => net.connect(9, '2001:db8::1').on('error', () => undefined));
  out.ownResolver = await new Promise<string>((resolve) => {
    const s = net.connect({
      host: 'photos.example.com',
      port: 9,
      lookup: (_h, _o, cb) => (cb as (e: null, a: string, f: number) => void)(null, DOC_NET, 4),
    });
    s.on('connect', () => resolve('connected'));
    s.on('error', (e) => resolve(e.message));
  });
  out.defaultResolver = await new Promise<string>((resolve) =>
    net
      .connect({ host: 'example.com', port: 80 })
      .on('error', (e: NodeJS.ErrnoException) => resolve(`${e.code} ${e.message}`)),
  );
  const s = net.createServer();
  out.listenAll = thrown(() => s.listen(0));
  out.listenAny4 = thrown(() => s.listen(0, '0.0.0.0'));
  out.listenAny6 = thrown(() => s.listen({ port: 0, host: '::' }));
  out.dnsName = await dns.promises.lookup('photos.example.com').then(
    () => 'resolved',
    (e: NodeJS.ErrnoException) => `${e.code} ${e.message}`,
  );
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}
void main();
