/**
 * The per-user engine process's own routes, token-protected like every other: a window asks
 * "are you alive, are you ours, are you busy?" before reusing a recorded engine, and asks an
 * engine started by another build of the extension to stop. Without a control (the engine in
 * the CLI, MCP or tests) both answer 404, as if they did not exist.
 */
import type { Handler } from './context';
import { HttpError, sendOk } from './envelope';

function control(c: Parameters<Handler>[0]) {
  if (!c.control) throw new HttpError(404, 404, 'Not found: this engine runs inside another program');
  return c.control;
}

export const engineStatus: Handler = async (c, _req, res) => {
  const ctl = control(c);
  const a = c.activity();
  // inFlight counts this request too.
  sendOk(res, { build: ctl.build, pid: process.pid, renders: a.renders, inFlight: a.inFlight - 1 });
};

export const engineShutdown: Handler = async (c, _req, res) => {
  const ctl = control(c);
  sendOk(res, { stopping: true });
  // After the answer is on its way: the caller waits for the pid to go.
  res.once('finish', () => ctl.shutdown());
};
