import { createHash, randomUUID } from 'crypto';
import fs from 'fs';
import path from 'path';

/**
 * The local cloud storage's objects on disk: each cloudPath's bytes and its record, named by the path's
 * hash, written so that a crash leaves the old object or the new one whole; and the names allowed.
 */

/** Bytes a cloudPath may take (WeChat's naming rules: "编码长度最大为850个字节"). */
const MAX_PATH_BYTES = 850;

/**
 * Why a cloudPath is refused, or null. WeChat's rules (not empty, no leading `/`, no `//`, at most 850
 * bytes, none of CAN EM SUB ESC) and, stricter, the characters its rules advise against that would break
 * a URL or a path here: control characters, `\`, `%`, `#`, `?`, and `.` or `..` as a segment.
 */
export function cloudPathProblem(cloudPath: string): string | null {
  if (!cloudPath) return 'cloudPath is empty';
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with /';
  if (cloudPath.includes('//')) return 'cloudPath must not contain //';
  if (Buffer.byteLength(cloudPath, 'utf8') > MAX_PATH_BYTES) return `cloudPath is longer than ${MAX_PATH_BYTES} bytes`;
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f\\%#?]/.test(cloudPath)) return 'cloudPath holds a control character or one of \\ % # ?';
  if (cloudPath.split('/').some((s) => s === '.' || s === '..')) return 'cloudPath must not have . or .. segments';
  if (cloudPath.endsWith('/')) return 'cloudPath names a folder, not a file';
  return null;
}

const CONTENT_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

/** What a served object is, by its name. */
export const contentTypeOf = (cloudPath: string) => CONTENT_TYPES[path.posix.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream';

interface ObjectRecord {
  cloudPath: string;
  size: number;
  /** The OPENID of the app user who uploaded it; null for a function (the SDK). */
  owner: string | null;
  uploadedAt: string;
}

export class ObjectStore {
  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    // Writes a crash cut short.
    for (const leftover of fs.readdirSync(dir).filter((f) => /\.tmp(\.json)?$/.test(f))) fs.rmSync(path.join(dir, leftover), { force: true });
  }

  /**
   * Writes the bytes, then their record, each synced beside the old one and renamed over it: a reader,
   * or a restart after a crash, finds the old file or the new one whole. (An upload that overwrites a
   * file of another size and is cut between the two renames leaves a record whose size disagrees: the
   * file reads as missing, as a failed upload would.)
   */
  store(cloudPath: string, bytes: Buffer, owner: string | null, now: number): void {
    const record: ObjectRecord = { cloudPath, size: bytes.length, owner, uploadedAt: new Date(now).toISOString() };
    const tmp = `${this.dataFile(cloudPath)}.${randomUUID()}.tmp`;
    writeSynced(tmp, bytes);
    fs.renameSync(tmp, this.dataFile(cloudPath));
    writeSynced(`${tmp}.json`, Buffer.from(JSON.stringify(record)));
    fs.renameSync(`${tmp}.json`, this.recordFile(cloudPath));
  }

  /** The object's record, or null when it is missing or its bytes disagree with it. */
  record(cloudPath: string): ObjectRecord | null {
    try {
      const record = JSON.parse(fs.readFileSync(this.recordFile(cloudPath), 'utf8')) as ObjectRecord;
      return record.cloudPath === cloudPath && fs.statSync(this.dataFile(cloudPath)).size === record.size ? record : null;
    } catch {
      return null;
    }
  }

  /** Removes the object; false when there was none. */
  remove(cloudPath: string): boolean {
    if (!this.record(cloudPath)) return false;
    fs.rmSync(this.recordFile(cloudPath), { force: true });
    fs.rmSync(this.dataFile(cloudPath), { force: true });
    return true;
  }

  read(cloudPath: string): fs.ReadStream {
    return fs.createReadStream(this.dataFile(cloudPath));
  }

  /** The name of the object's files: no path reaches the file system. */
  key(cloudPath: string): string {
    return createHash('sha256').update(cloudPath).digest('hex');
  }

  private dataFile(cloudPath: string): string {
    return path.join(this.dir, `${this.key(cloudPath)}.bin`);
  }

  private recordFile(cloudPath: string): string {
    return path.join(this.dir, `${this.key(cloudPath)}.json`);
  }
}

function writeSynced(file: string, bytes: Buffer): void {
  const fd = fs.openSync(file, 'w');
  try {
    for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at);
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
