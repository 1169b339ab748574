/** Runs the stand-in in its own process (so its memory does not count against a client) and prints its URL. */
import { startStandIn } from '../../src/engine/standin';

void startStandIn({ maxUploadBytes: 201 * 1024 * 1024 }).then((s) => {
  process.stdout.write(`${JSON.stringify({ url: s.url })}\n`);
  process.on('SIGTERM', () => {
    void s.close().then(() => process.exit(0));
  });
});
