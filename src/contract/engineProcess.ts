/**
 * Why a window could not reach the per-user engine process (src/engine/process/attach.ts):
 * a code and the engine log's path, put into words by src/words (engineProcess).
 */
export type EngineProcessFailure =
  /** The engine process exited while starting (detail: its exit and the log's last lines). */
  | 'start-failed'
  /** It did not publish its record in time. */
  | 'start-timeout'
  /** Another window held the start lock for the whole wait. */
  | 'lock-timeout';

export class EngineProcessError extends Error {
  override readonly name = 'EngineProcessError';
  constructor(
    readonly failure: EngineProcessFailure,
    readonly logFile: string,
    readonly detail = '',
  ) {
    super(`local engine ${failure}${detail ? `: ${detail}` : ''} (log: ${logFile})`);
  }
}

export function isEngineProcessError(e: unknown): e is EngineProcessError {
  return e instanceof Error && e.name === 'EngineProcessError' && 'failure' in e;
}
