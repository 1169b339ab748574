/**
 * Quoting for values inside an ffmpeg filtergraph. A value passes two parsers: the graph parser
 * (splits on `[],;`, honours '…' quotes) and the option parser (splits on `:`, honours `\`).
 * So: escape for the option level first, then quote for the graph level.
 */
export function fv(value: string | number): string {
  const s = String(value);
  const optionLevel = s.replace(/[\\':]/g, (m) => `\\${m}`);
  return `'${optionLevel.replace(/'/g, `'\\''`)}'`;
}

/** Seconds with millisecond precision, never in exponent notation. */
export function sec(ms: number): string {
  return (Math.round(ms) / 1000).toFixed(3);
}
