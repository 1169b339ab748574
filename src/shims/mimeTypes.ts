/**
 * Stand-in for `mime-types` inside the bundles. form-data looks a content type up only when
 * none is given, and the core always gives one (from content sniffing), so the 140 KB mime-db
 * table would be dead weight in the extension. esbuild.mjs aliases `mime-types` here.
 */
export function lookup(_path: string): false {
  return false;
}
