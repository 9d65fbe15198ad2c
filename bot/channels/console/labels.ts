/**
 * What staff read instead of codes: answer routes, modes and tool names in
 * Chinese (words in prompts/console.ts), times in Beijing time, an empty
 * value as 无. The codes themselves stay available behind 技术细节.
 */
import { CONSOLE } from '../../../prompts/console.js';
import { formatBeijing } from '../../../tools/beijing-date.js';

const SUFFIXES = Object.entries(CONSOLE.routeSuffixes);

function routePartLabel(part: string): string {
  const exact = CONSOLE.routes[part];
  if (exact) return exact;
  for (const [suffix, label] of SUFFIXES) {
    if (part.endsWith(suffix)) {
      const base = CONSOLE.routes[part.slice(0, -suffix.length)];
      if (base) return base + label;
    }
  }
  return CONSOLE.routeOther;
}

/**
 * A route such as "fee", "facts-weak" or "fee+deadline-not-stated" in
 * Chinese. A route no label covers reads 其他 rather than leaking the code.
 */
export function routeLabel(route: string): string {
  return route
    .split('+')
    .filter(Boolean)
    .map(routePartLabel)
    .join(CONSOLE.routeJoin) || CONSOLE.routeOther;
}

/** True when every part of the route has a Chinese label (the tests check the engine's routes). */
export function routeHasLabel(route: string): boolean {
  return route.split('+').every((p) => routePartLabel(p) !== CONSOLE.routeOther);
}

/** trace.mode in Chinese. */
export function modeLabel(mode: string): string {
  return CONSOLE.modes[mode] ?? CONSOLE.routeOther;
}

/** A tool's name in Chinese. */
export function toolLabel(name: string): string {
  return CONSOLE.tools[name] ?? CONSOLE.toolOther;
}

/**
 * An instant as staff read it: "2026-12-02 05:15", Beijing time, whatever
 * the server's time zone. Blank when there is no time.
 */
export function showTime(value: string | Date | undefined): string {
  if (value === undefined || value === '') return '';
  // What export-registrations.ts's beijingTime gives (a string that is no time stays as it is), without
  // importing that module here: it loads the XLSX writer, which only an export needs.
  const instant = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) return typeof value === 'string' ? value : value.toISOString();
  return formatBeijing(instant);
}

/** An empty value (no 职称) shows as 无 instead of a blank cell. */
export function orNone(value: string | undefined | null): string {
  return value === undefined || value === null || value.trim() === '' ? CONSOLE.none : value;
}
