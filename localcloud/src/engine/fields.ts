/** Field-path helpers shared by the indexes and the query planner. */

export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = doc;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (next === null || typeof next !== 'object') target[part] = {};
    target = target[part] as Record<string, unknown>;
  }
  target[parts[parts.length - 1]] = value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Replaces every `{$tcb_server_date: {offset}}` the SDK sends for `db.serverDate()` with the server's time. */
export function resolveServerDates<T>(value: T, now: number): T {
  if (Array.isArray(value)) return value.map((v) => resolveServerDates(v, now)) as T;
  if (!isPlainObject(value)) return value;
  const marker = value.$tcb_server_date;
  if (marker !== undefined && Object.keys(value).length === 1) {
    const offset = isPlainObject(marker) && typeof marker.offset === 'number' ? marker.offset : 0;
    return new Date(now + offset) as T;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = resolveServerDates(v, now);
  return out as T;
}

export function containsServerDate(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsServerDate);
  if (!isPlainObject(value)) return false;
  return '$tcb_server_date' in value || Object.values(value).some(containsServerDate);
}
