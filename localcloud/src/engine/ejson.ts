import { BSONRegExp, EJSON } from 'bson';

/** A stored document: plain JS values as Extended JSON decodes them (Date, numbers, nested objects). */
export type Doc = { _id: DocId; [field: string]: unknown };
export type DocId = string | number;

/** Decode an Extended JSON string as the SDK sends it (`EJSON.stringify(..., {relaxed: false})`). */
export function decode<T = unknown>(text: string): T {
  return toNativeRegExps(EJSON.parse(text, { relaxed: true })) as T;
}

/** `db.RegExp()` arrives as a BSON regular expression; the query engine matches with native ones. */
function toNativeRegExps(value: unknown): unknown {
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options.replace(/[^gimsuy]/g, ''));
  if (Array.isArray(value)) return value.map(toNativeRegExps);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) obj[key] = toNativeRegExps(obj[key]);
  }
  return value;
}

/** Encode for the wire and for the journal: relaxed Extended JSON keeps Dates as dates. */
export function encode(value: unknown): string {
  return EJSON.stringify(value as Parameters<typeof EJSON.stringify>[0], { relaxed: true });
}

/** A deep copy through the same encoding the store persists, so nobody shares a stored object. */
export function deepCopy<T>(value: T): T {
  return decode<T>(encode(value));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyObject = Record<string, any>;
