import fs from 'fs';
import path from 'path';
import { crc32 } from 'zlib';
import { Doc, decode, encode } from './ejson';

/**
 * Durable storage for the local cloud: a snapshot plus an append-only journal of committed changes.
 *
 * Every commit is one journal line `<crc32 hex> <json>\n`, written and fdatasync'ed before the change
 * becomes visible. A crash mid-write leaves at most one torn line at the tail; recovery checks each
 * line's CRC and cuts the file at the first bad one, so a write is either wholly there or absent.
 * Compaction writes a new snapshot beside the old one and renames it into place (atomic on POSIX),
 * then starts an empty journal the same way.
 */

/** One committed change: the after-image of each written document (null = removed). */
export type Write = [collection: string, id: Doc['_id'], doc: Doc | null];
export interface CommitRecord {
  seq: number;
  writes: Write[];
}

/** The file operations the journal needs; tests pass a faulty one to prove a full disk harms nothing. */
export interface FileOps {
  writeSync(fd: number, data: Buffer): number;
  fdatasyncSync(fd: number): void;
  ftruncateSync(fd: number, len: number): void;
}
const realFileOps: FileOps = {
  writeSync: (fd, data) => fs.writeSync(fd, data),
  fdatasyncSync: (fd) => fs.fdatasyncSync(fd),
  ftruncateSync: (fd, len) => fs.ftruncateSync(fd, len),
};

export class StorageError extends Error {}

const SNAPSHOT = 'snapshot.ejsonl';
const JOURNAL = 'journal.log';

function frame(json: string): Buffer {
  const body = Buffer.from(json, 'utf8');
  const head = Buffer.from(crc32(body).toString(16).padStart(8, '0') + ' ', 'latin1');
  return Buffer.concat([head, body, Buffer.from('\n', 'latin1')]);
}

/** Parses one framed line; undefined when it is torn or corrupt. */
function unframe(line: Buffer): string | undefined {
  if (line.length < 10 || line[8] !== 0x20) return undefined;
  const body = line.subarray(9);
  const expected = parseInt(line.subarray(0, 8).toString('latin1'), 16);
  return crc32(body) === expected ? body.toString('utf8') : undefined;
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Splits a buffer into lines, reporting where each starts so a torn tail can be cut off. */
function* lines(buf: Buffer): Generator<{ line: Buffer; start: number; complete: boolean }> {
  let start = 0;
  while (start < buf.length) {
    const end = buf.indexOf(0x0a, start);
    if (end < 0) {
      yield { line: buf.subarray(start), start, complete: false };
      return;
    }
    yield { line: buf.subarray(start, end), start, complete: true };
    start = end + 1;
  }
}

export interface Recovered {
  seq: number;
  docs: Array<[collection: string, doc: Doc]>;
  records: CommitRecord[];
}

export class Journal {
  private fd = -1;
  private size = 0;
  /** After a failed write that could not be undone the journal refuses further writes (fail-stop). */
  private broken = false;

  constructor(
    readonly dir: string,
    private readonly files: FileOps = realFileOps,
  ) {}

  /** Reads the snapshot and the journal, cutting any torn tail, and opens the journal for appends. */
  open(): Recovered {
    fs.mkdirSync(this.dir, { recursive: true });
    for (const leftover of fs.readdirSync(this.dir).filter((f) => f.endsWith('.tmp'))) {
      fs.unlinkSync(path.join(this.dir, leftover));
    }
    const { seq: snapshotSeq, docs } = this.readSnapshot();
    const journalPath = path.join(this.dir, JOURNAL);
    const records: CommitRecord[] = [];
    let validLength = 0;
    if (fs.existsSync(journalPath)) {
      const buf = fs.readFileSync(journalPath);
      for (const { line, start, complete } of lines(buf)) {
        const json = complete ? unframe(line) : undefined;
        if (json === undefined) break;
        const record = decode<CommitRecord>(json);
        if (record.seq > snapshotSeq) records.push(record);
        validLength = start + line.length + 1;
      }
      if (validLength < buf.length) {
        // Appends are synced one by one, so a crash tears only the last line. A good line after a bad
        // one means damage from elsewhere: keep the file as evidence rather than cut good commits.
        const rest = buf.subarray(validLength);
        const firstEnd = rest.indexOf(0x0a);
        for (const { line, complete } of lines(firstEnd < 0 ? Buffer.alloc(0) : rest.subarray(firstEnd + 1))) {
          if (complete && unframe(line) !== undefined) throw new StorageError(`journal ${journalPath} is damaged before its end`);
        }
        fs.truncateSync(journalPath, validLength);
      }
    }
    const created = !fs.existsSync(journalPath);
    this.fd = fs.openSync(journalPath, 'a');
    if (created) fsyncDir(this.dir);
    this.size = validLength;
    const seq = records.length ? records[records.length - 1].seq : snapshotSeq;
    return { seq, docs, records };
  }

  private readSnapshot(): { seq: number; docs: Array<[string, Doc]> } {
    const snapshotPath = path.join(this.dir, SNAPSHOT);
    if (!fs.existsSync(snapshotPath)) return { seq: 0, docs: [] };
    const docs: Array<[string, Doc]> = [];
    let seq = -1;
    for (const { line, complete } of lines(fs.readFileSync(snapshotPath))) {
      const json = complete ? unframe(line) : undefined;
      // A snapshot is renamed into place only when whole, so damage here is not a crash artefact.
      if (json === undefined) throw new StorageError(`snapshot ${snapshotPath} is damaged`);
      if (seq < 0) {
        seq = (JSON.parse(json) as { seq: number }).seq;
      } else {
        docs.push(decode<[string, Doc]>(json));
      }
    }
    if (seq < 0) throw new StorageError(`snapshot ${snapshotPath} has no header`);
    return { seq, docs };
  }

  get bytes(): number {
    return this.size;
  }

  /** Appends one commit and makes it durable; on failure the journal is as it was and this throws. */
  append(record: CommitRecord): void {
    if (this.broken) throw new StorageError('storage is unavailable after a failed write; restart the local cloud');
    const buf = frame(encode(record));
    try {
      let written = 0;
      while (written < buf.length) written += this.files.writeSync(this.fd, buf.subarray(written));
      this.files.fdatasyncSync(this.fd);
      this.size += buf.length;
    } catch (err) {
      try {
        this.files.ftruncateSync(this.fd, this.size);
      } catch {
        this.broken = true;
      }
      throw new StorageError(`journal write failed: ${(err as Error).message}`);
    }
  }

  /** Replaces snapshot and journal with a snapshot of `docs` at `seq` (write-new-then-rename). */
  compact(seq: number, docs: Iterable<[string, Doc]>): void {
    if (this.broken) throw new StorageError('storage is unavailable after a failed write; restart the local cloud');
    const tmp = path.join(this.dir, SNAPSHOT + '.tmp');
    const fd = fs.openSync(tmp, 'w');
    try {
      const chunk: Buffer[] = [frame(JSON.stringify({ format: 1, seq }))];
      let chunkBytes = 0;
      const flush = (): void => {
        const buf = Buffer.concat(chunk);
        let written = 0;
        while (written < buf.length) written += this.files.writeSync(fd, buf.subarray(written));
        chunk.length = 0;
        chunkBytes = 0;
      };
      for (const entry of docs) {
        const line = frame(encode(entry));
        chunk.push(line);
        chunkBytes += line.length;
        if (chunkBytes > 1 << 20) flush();
      }
      flush();
      this.files.fdatasyncSync(fd);
    } catch (err) {
      fs.closeSync(fd);
      fs.rmSync(tmp, { force: true });
      throw new StorageError(`snapshot write failed: ${(err as Error).message}`);
    }
    fs.closeSync(fd);
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT));
    fsyncDir(this.dir);
    // Records up to `seq` are in the snapshot now; an empty journal replaces the old one.
    try {
      const emptyJournal = path.join(this.dir, JOURNAL + '.tmp');
      fs.writeFileSync(emptyJournal, '');
      fs.renameSync(emptyJournal, path.join(this.dir, JOURNAL));
      fsyncDir(this.dir);
      const fresh = fs.openSync(path.join(this.dir, JOURNAL), 'a');
      fs.closeSync(this.fd);
      this.fd = fresh;
      this.size = 0;
    } catch (err) {
      // The snapshot holds everything, but appends can no longer be placed safely: stop writing.
      this.broken = true;
      throw new StorageError(`journal swap failed: ${(err as Error).message}`);
    }
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}
