/** What a turn without a reply did (the core's TurnReport), in one strings table's language. */
import type { TurnReport } from '../core/serviceApi';
import type { Words } from './types';
import { diffTimelines } from './timeline';

export function reportText(report: TurnReport, w: Words): string {
  switch (report.kind) {
    case 'dropped':
      return w.report.dropped;
    case 'silent':
      return w.report.silent;
    case 'unchanged':
      return w.report.unchanged;
    case 'changed': {
      const lines = diffTimelines(report.before, report.after, w);
      // Changes the words cannot name (unknown keys only) still count as "updated".
      return lines.length ? w.report.changed(lines) : w.report.unchanged;
    }
    default:
      return report satisfies never;
  }
}
