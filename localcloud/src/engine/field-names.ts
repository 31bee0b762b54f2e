import { dbErrors } from './errors';
import { isPlainObject } from './fields';

/**
 * Which field names a stored document may have. WeChat publishes no rule; MongoDB (which the cloud
 * database runs on) refuses top-level names starting with `$`, and until 5.0 calls `$` and `.` anywhere
 * in a name unsupported ("The dotted field ... is not valid for storage" on updates). The stricter reading
 * is taken: at any depth, a name may not be empty, start with `$` or contain `.`. A dotted key in
 * update() data is a path, not a name: it is resolved before the document is checked.
 */
export function assertStorableFieldNames(value: unknown, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertStorableFieldNames(item, path ? `${path}.${i}` : String(i)));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key === '') throw dbErrors.requestFailed(`An empty field name is not valid for storage${path ? ` (in '${path}')` : ''}.`);
    if (key.startsWith('$')) throw dbErrors.requestFailed(`The dollar ($) prefixed field '${key}' in '${at}' is not valid for storage.`);
    if (key.includes('.')) throw dbErrors.requestFailed(`The dotted field '${key}' in '${at}' is not valid for storage.`);
    assertStorableFieldNames(child, at);
  }
}
