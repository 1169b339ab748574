/**
 * Where the MCP server may read and write files: the directory it was started in plus each
 * `--allow DIR`. Paths are resolved through symlinks before the check, so a link inside a root
 * that points elsewhere is refused like the target itself.
 */
import { realpathSync, existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, dirname } from 'node:path';

export class AllowedRoots {
  readonly dirs: string[];

  constructor(
    private readonly cwd: string,
    allow: string[],
  ) {
    this.dirs = [
      ...new Set(
        [cwd, ...allow].map((d) => {
          const abs = resolve(cwd, d);
          if (!existsSync(abs)) throw new Error(`--allow ${d}: no such directory.`);
          return realpathSync(abs);
        }),
      ),
    ];
  }

  private inside(real: string): boolean {
    return this.dirs.some((root) => {
      const rel = relative(root, real);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    });
  }

  private refusal(path: string): Error {
    return new Error(
      `${path} is outside the folders this server may use (${this.dirs.join(', ')}). Move or copy the file into one of them, or restart the server with --allow <folder>.`,
    );
  }

  /** An existing file inside the roots, as its real absolute path. */
  file(path: string): string {
    const abs = resolve(this.cwd, path);
    if (!existsSync(abs))
      throw new Error(`${path}: no such file. Check the path (relative paths start at ${this.cwd}).`);
    const real = realpathSync(abs);
    if (!this.inside(real)) throw this.refusal(path);
    return real;
  }

  /** A folder to write into, inside the roots (it may not exist yet). */
  folder(path: string): string {
    const abs = resolve(this.cwd, path);
    let probe = abs;
    while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
    const real = resolve(realpathSync(probe), relative(probe, abs));
    if (!this.inside(real)) throw this.refusal(path);
    return real;
  }
}
