import fs from 'fs';
import os from 'os';
import path from 'path';
import { Database } from '../../localcloud/src/engine/database';
import type { Doc } from '../../localcloud/src/engine/ejson';
import type { FileOps } from '../../localcloud/src/engine/journal';
import { loadDatabaseSpec } from '../../localcloud/src/spec';
import { startCloud, TestCloud, useCloudFromThisProcess } from '../helpers/cloud';
import { mulberry32 } from '../../demo/random';

/**
 * The store's durability promises:
 * (a) journal level: what was committed survives close + reopen, a torn tail is cut, compaction keeps
 *     everything, a transaction is all or nothing;
 * (b) a full disk fails the write cleanly (or, when the damage cannot be undone, stops the store) and
 *     harms nothing already committed;
 * (c) kill -9 of the real server under concurrent load through the real wx-server-sdk loses no
 *     acknowledged write and never shows half a transaction.
 */

const SPEC_FILE = path.join(__dirname, 'contract-spec.json');
const spec = loadDatabaseSpec(SPEC_FILE);
const COLLECTIONS = Object.keys(spec.collections);
const JOURNAL = 'journal.log';
const SNAPSHOT = 'snapshot.ejsonl';

// ---- temp dirs and open stores, cleaned up whatever happens ----------------------------------------

const tempDirs: string[] = [];
const openDbs = new Set<Database>();

function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `localcloud-durability-${label}-`));
  tempDirs.push(dir);
  return dir;
}

function openDb(dir: string, options: { fileOps?: FileOps; compactBytes?: number } = {}): Database {
  const db = new Database({ dir, spec, ...options });
  openDbs.add(db);
  return db;
}

function closeDb(db: Database): void {
  db.close();
  openDbs.delete(db);
}

/** Closes and opens the store again, as a restart does. */
function reopen(db: Database, dir: string, options: { fileOps?: FileOps; compactBytes?: number } = {}): Database {
  closeDb(db);
  return openDb(dir, options);
}

afterEach(() => {
  for (const db of openDbs) db.close();
  openDbs.clear();
});

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every document of a collection (find pages at most 100 at a time). */
function allDocs(db: Database, coll: string): Doc[] {
  const out: Doc[] = [];
  for (;;) {
    const page = db.find(coll, { order: { _id: 1 }, offset: out.length, limit: 100 });
    out.push(...page);
    if (page.length < 100) return out;
  }
}

/** The whole visible state, comparable with toEqual. */
function state(db: Database): Record<string, Doc[]> {
  return Object.fromEntries(COLLECTIONS.map((c) => [c, allDocs(db, c)]));
}

const journalPath = (dir: string): string => path.join(dir, JOURNAL);
const journalSize = (dir: string): number => fs.statSync(journalPath(dir)).size;

/** Some writes of every kind across every collection. */
async function seed(db: Database): Promise<void> {
  await db.insert('items', [
    { _id: 'i1', code: 'A', n: 1, at: new Date('2024-05-01T08:00:00Z') },
    { _id: 'i2', code: 'B', n: 2, tags: ['x', 'y'], nested: { deep: { v: 1.5 } } },
    { _id: 'i3', code: 'C', n: 3 },
  ]);
  await db.insert('places', [
    { _id: 'p1', name: 'near', location: { type: 'Point', coordinates: [121.26, 37.5] } },
    { _id: 'p2', name: 'far', location: { type: 'Point', coordinates: [121.5, 37.7] } },
  ]);
  await db.insert('plain', [{ _id: 7, text: '中文 and ünïcödé', big: 2 ** 40 }]);
  await db.insert('slots', [
    { _id: 's1', balance: 100 },
    { _id: 's2', balance: 100 },
  ]);
  await db.modify('items', { query: { _id: 'i2' }, data: { $inc: { n: 10 }, $set: { 'nested.deep.v': 2.5 } }, merge: true, multi: false, upsert: false });
  await db.modify('items', { query: { code: 'C' }, data: { code: 'C2', replaced: true }, merge: false, multi: false, upsert: false });
  await db.remove('items', { _id: 'i1' }, false);
  await db.insert('items', [{ _id: 'i4', code: 'A', n: 4 }]); // reuses the code the removed i1 held
}

describe('journal: committed data survives a restart', () => {
  it('keeps every committed write across close and reopen, indexes included', async () => {
    const dir = tempDir('reopen');
    let db = openDb(dir);
    await seed(db);
    const before = state(db);
    expect(before.items.map((d) => d._id)).toEqual(['i2', 'i3', 'i4']);
    expect(before.items.find((d) => d._id === 'i1')).toBeUndefined();

    db = reopen(db, dir);
    expect(state(db)).toEqual(before);
    expect(db.find('items', { query: { _id: 'i4' } })[0]).toEqual({ _id: 'i4', code: 'A', n: 4 });
    expect(db.find('items', { query: { _id: 'i2' } })[0]).toMatchObject({ n: 12, nested: { deep: { v: 2.5 } } });
    expect(db.find('items', { query: { _id: 'i3' } })[0]).toEqual({ _id: 'i3', code: 'C2', replaced: true });
    expect(db.find('plain', { query: { _id: 7 } })[0]).toEqual({ _id: 7, text: '中文 and ünïcödé', big: 2 ** 40 });
    // The unique index is rebuilt from the journal...
    await expect(db.insert('items', [{ code: 'B' }])).rejects.toThrow(/duplicate key/);
    await expect(db.insert('items', [{ code: 'C' }])).resolves.toHaveLength(1); // C was renamed to C2
    // ...and so is the geo index.
    const near = db.find('places', { query: { location: { $nearSphere: { $geometry: { type: 'Point', coordinates: [121.26, 37.5] } } } } });
    expect(near.map((d) => d._id)).toEqual(['p1', 'p2']);

    // A second restart sees the writes made after the first one.
    const afterFirst = state(db);
    db = reopen(db, dir);
    expect(state(db)).toEqual(afterFirst);
    // And new writes continue the sequence.
    await db.insert('plain', [{ _id: 8 }]);
    db = reopen(db, dir);
    expect(db.count('plain', {})).toBe(2);
  });

  // Each way a crash (or a stray write) can leave the journal's tail: [what, does the last commit survive, tear].
  const tails: Array<[string, boolean, (buf: Buffer, lastStart: number) => Buffer]> = [
    ['garbage bytes without a newline', true, (buf) => Buffer.concat([buf, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42, 0x7b])])],
    ['garbage ending in a newline', true, (buf) => Buffer.concat([buf, Buffer.from('not a journal line\n')])],
    ['a valid-looking header with a wrong CRC', true, (buf) => Buffer.concat([buf, Buffer.from('deadbeef {"seq":999,"writes":[]}\n')])],
    ['the first half of the last commit', false, (buf, lastStart) => buf.subarray(0, lastStart + Math.floor((buf.length - lastStart) / 2))],
    ['the last commit without its newline', false, (buf) => buf.subarray(0, buf.length - 1)],
    [
      'the last commit with one flipped byte',
      false,
      (buf, lastStart) => {
        const copy = Buffer.from(buf);
        copy[lastStart + 20] ^= 0x01;
        return copy;
      },
    ],
  ];

  it.each(tails)('cuts a torn tail (%s) on open and keeps the commits before it', async (_what, lastSurvives, tear) => {
    const dir = tempDir('torn');
    let db = openDb(dir);
    await seed(db);
    const committed = state(db);
    const goodLength = journalSize(dir);
    // One more commit, so the "last commit" variants tear a real record.
    await db.insert('plain', [{ _id: 'torn', v: 1 }]);
    closeDb(db);
    const intact = fs.readFileSync(journalPath(dir));
    fs.writeFileSync(journalPath(dir), tear(intact, goodLength));

    db = openDb(dir);
    if (lastSurvives) {
      // The intact extra commit survives; only the junk after it goes.
      expect(db.find('plain', { query: { _id: 'torn' } })).toEqual([{ _id: 'torn', v: 1 }]);
      expect(journalSize(dir)).toBe(intact.length);
    } else {
      // The damaged commit is gone, wholly.
      expect(db.find('plain', { query: { _id: 'torn' } })).toEqual([]);
      expect(state(db)).toEqual(committed);
      expect(journalSize(dir)).toBe(goodLength);
    }
    const recovered = state(db);

    // The cut is real: writes after recovery are not hidden behind the junk on the next open.
    await db.insert('plain', [{ _id: 'after', v: 2 }]);
    await db.modify('slots', { query: { _id: 's1' }, data: { $inc: { balance: 5 } }, merge: true, multi: false, upsert: false });
    const afterRecovery = state(db);
    expect(afterRecovery).not.toEqual(recovered);
    db = reopen(db, dir);
    expect(state(db)).toEqual(afterRecovery);
    expect(db.find('slots', { query: { _id: 's1' } })[0]).toEqual({ _id: 's1', balance: 105 });
  });

  it('refuses to open a journal damaged before its end rather than cut good commits', async () => {
    const dir = tempDir('midfile');
    const db = openDb(dir);
    await seed(db);
    closeDb(db);
    const intact = fs.readFileSync(journalPath(dir));
    const damaged = Buffer.from(intact);
    damaged[20] ^= 0xff; // inside the first record's body: its CRC no longer matches, later ones still do
    fs.writeFileSync(journalPath(dir), damaged);
    expect(() => openDb(dir)).toThrow(/damaged before its end/);
    expect(fs.readFileSync(journalPath(dir))).toEqual(damaged);
  });

  it('keeps the documents of a collection the spec no longer declares, through compaction', async () => {
    const dir = tempDir('undeclared');
    let db = openDb(dir);
    await seed(db);
    const plainBefore = allDocs(db, 'plain');
    closeDb(db);
    const { plain: _dropped, ...fewer } = spec.collections;
    const narrow = new Database({ dir, spec: { collections: fewer } });
    expect(() => narrow.find('plain', {})).toThrow(/not exist/);
    narrow.compact();
    narrow.close();
    db = openDb(dir);
    expect(allDocs(db, 'plain')).toEqual(plainBefore);
  });

  it('keeps everything through automatic compaction and ignores leftover temporary files', async () => {
    const dir = tempDir('compact');
    const compactBytes = 2048;
    let db = openDb(dir, { compactBytes });
    const rnd = mulberry32(42);
    await seed(db);
    for (let i = 0; i < 300; i++) {
      const roll = rnd();
      if (roll < 0.6) await db.insert('plain', [{ _id: `d${i}`, i, pad: 'x'.repeat(Math.floor(rnd() * 40)) }]);
      else if (roll < 0.85) await db.modify('plain', { query: { i: { $lt: i } }, data: { $inc: { touched: 1 } }, merge: true, multi: false, upsert: false });
      else await db.remove('plain', { i: { $lt: i } }, false);
      if (i % 50 === 0) await db.modify('slots', { query: { _id: 's2' }, data: { $inc: { balance: -1 } }, merge: true, multi: false, upsert: false });
    }
    // Compaction really happened: there is a snapshot and the journal was restarted after it.
    expect(fs.existsSync(path.join(dir, SNAPSHOT))).toBe(true);
    expect(journalSize(dir)).toBeLessThanOrEqual(compactBytes + 1024);
    const before = state(db);
    expect(before.plain.length).toBeGreaterThan(100); // more than one page, so paging is exercised too

    db = reopen(db, dir, { compactBytes });
    expect(state(db)).toEqual(before);

    // A crash mid-compaction leaves a half-written snapshot.ejsonl.tmp (and maybe journal.log.tmp): ignored.
    closeDb(db);
    fs.writeFileSync(path.join(dir, SNAPSHOT + '.tmp'), '00000000 {"format":1,"seq":999999}\nhalf a li');
    fs.writeFileSync(path.join(dir, JOURNAL + '.tmp'), 'junk');
    db = openDb(dir, { compactBytes });
    expect(state(db)).toEqual(before);
    expect(fs.existsSync(path.join(dir, SNAPSHOT + '.tmp'))).toBe(false);
    expect(fs.existsSync(path.join(dir, JOURNAL + '.tmp'))).toBe(false);

    // Writes after all that, then an explicit compaction, then a reopen.
    await db.insert('items', [{ _id: 'late', code: 'LATE' }]);
    db.compact();
    expect(journalSize(dir)).toBe(0);
    const compacted = state(db);
    db = reopen(db, dir);
    expect(state(db)).toEqual(compacted);
    await expect(db.insert('items', [{ code: 'LATE' }])).rejects.toThrow(/duplicate key/);
  });

  it('recovers when a crash falls between the snapshot rename and the journal swap', async () => {
    const dir = tempDir('compact-crash');
    let db = openDb(dir);
    await seed(db);
    const oldJournal = fs.readFileSync(journalPath(dir));
    db.compact();
    const before = state(db);
    closeDb(db);
    // The new snapshot is in place but the old journal (all of whose records it already holds) is still there.
    fs.writeFileSync(journalPath(dir), oldJournal);
    db = openDb(dir);
    expect(state(db)).toEqual(before);
    await db.remove('items', { _id: 'i4' }, false);
    await db.insert('items', [{ _id: 'i5', code: 'A' }]);
    const after = state(db);
    db = reopen(db, dir);
    expect(state(db)).toEqual(after);
  });

  it('applies a transaction wholly or not at all across a restart', async () => {
    const dir = tempDir('txn');
    let db = openDb(dir);
    await seed(db);
    const base = state(db);

    // Committed: every write is there after the restart.
    const committed = db.startTransaction();
    await db.insert(
      'items',
      [
        { _id: 't1', code: 'T1' },
        { _id: 't2', code: 'T2' },
      ],
      committed,
    );
    await db.insert('plain', [{ _id: 't3' }], committed);
    await db.modify('slots', { query: { _id: 's1' }, data: { $inc: { balance: -30 } }, merge: true, multi: false, upsert: false }, committed);
    await db.modify('slots', { query: { _id: 's2' }, data: { $inc: { balance: 30 } }, merge: true, multi: false, upsert: false }, committed);
    await db.remove('items', { _id: 'i3' }, false, committed);
    db.commitTransaction(committed);
    const afterCommit = state(db);
    db = reopen(db, dir);
    expect(state(db)).toEqual(afterCommit);
    expect(
      db
        .find('items', { query: { _id: { $in: ['t1', 't2', 'i3'] } } })
        .map((d) => d._id)
        .sort(),
    ).toEqual(['t1', 't2']);
    expect(db.find('slots', {}).map((d) => d.balance)).toEqual([70, 130]);

    // Aborted: nothing of it, before or after the restart.
    const aborted = db.startTransaction();
    await db.insert('items', [{ _id: 'a1', code: 'A1' }], aborted);
    await db.modify('slots', { query: { _id: 's1' }, data: { $inc: { balance: -1000 } }, merge: true, multi: false, upsert: false }, aborted);
    await db.remove('plain', { _id: 't3' }, false, aborted);
    db.abortTransaction(aborted);
    expect(state(db)).toEqual(afterCommit);
    db = reopen(db, dir);
    expect(state(db)).toEqual(afterCommit);

    // Open when the store goes down (a crash mid-transaction): nothing of it either.
    const open = db.startTransaction();
    await db.insert('items', [{ _id: 'o1', code: 'O1' }], open);
    await db.modify('slots', { query: { _id: 's2' }, data: { balance: 0 }, merge: false, multi: false, upsert: false }, open);
    db = reopen(db, dir);
    expect(state(db)).toEqual(afterCommit);
    expect(state(db)).not.toEqual(base);
  });

  it('drops a transaction wholly when the crash tears its commit record', async () => {
    const dir = tempDir('txn-torn');
    let db = openDb(dir);
    await seed(db);
    const before = state(db);
    const goodLength = journalSize(dir);
    const txn = db.startTransaction();
    for (let i = 0; i < 20; i++) await db.insert('plain', [{ _id: `t${i}`, i }], txn);
    await db.modify('slots', { query: { _id: 's1' }, data: { $inc: { balance: -1 } }, merge: true, multi: false, upsert: false }, txn);
    await db.modify('slots', { query: { _id: 's2' }, data: { $inc: { balance: 1 } }, merge: true, multi: false, upsert: false }, txn);
    db.commitTransaction(txn);
    const full = journalSize(dir);
    closeDb(db);
    // Cut anywhere inside the transaction's record: none of its writes may survive.
    for (const cutAt of [goodLength + 1, goodLength + Math.floor((full - goodLength) / 3), full - 2, full - 1]) {
      const copy = tempDir('txn-torn-copy');
      fs.copyFileSync(journalPath(dir), journalPath(copy));
      fs.truncateSync(journalPath(copy), cutAt);
      const torn = openDb(copy);
      expect(state(torn)).toEqual(before);
      closeDb(torn);
    }
    db = openDb(dir);
    expect(db.count('plain', { _id: { $regex: '^t' } })).toBe(20);
    expect(db.find('slots', {}).map((d) => d.balance)).toEqual([99, 101]);
  });
});

// ---- (b) full disk ---------------------------------------------------------------------------------

function fsError(code: string, syscall: string): NodeJS.ErrnoException {
  const err = new Error(`${code}: simulated, ${syscall}`) as NodeJS.ErrnoException;
  err.code = code;
  err.syscall = syscall;
  return err;
}

/**
 * A disk with `room` bytes left: writes go through for real until it is full, a write that does not
 * fit is short (written in part), and a write to a full disk throws ENOSPC. Truncate and sync can be
 * made to fail too.
 */
class FaultyDisk implements FileOps {
  room = Infinity;
  truncateFails = false;
  syncFails = false;
  /** Only writes of a snapshot (compaction) hit the full disk. */
  onlySnapshots = false;
  calls = { write: 0, enospc: 0, short: 0, truncate: 0 };

  writeSync(fd: number, data: Buffer): number {
    this.calls.write++;
    const isSnapshot = data.subarray(9, 20).toString('latin1') === '{"format":1';
    const room = this.onlySnapshots && !isSnapshot ? Infinity : this.room;
    if (room <= 0) {
      this.calls.enospc++;
      throw fsError('ENOSPC', 'write');
    }
    const n = fs.writeSync(fd, data.subarray(0, Math.min(room, data.length)));
    if (n < data.length) this.calls.short++;
    if (room !== Infinity) this.room -= n;
    return n;
  }

  fdatasyncSync(fd: number): void {
    if (this.syncFails) throw fsError('EIO', 'fdatasync');
    fs.fdatasyncSync(fd);
  }

  ftruncateSync(fd: number, len: number): void {
    this.calls.truncate++;
    if (this.truncateFails) throw fsError('EIO', 'ftruncate');
    fs.ftruncateSync(fd, len);
  }

  fix(): void {
    this.room = Infinity;
    this.truncateFails = false;
    this.syncFails = false;
  }
}

const inc = (id: string, by: number) => ({ query: { _id: id }, data: { $inc: { balance: by } }, merge: true, multi: false, upsert: false });

/** Every kind of write once; each must fail with an error and leave no trace. */
async function everyWriteFails(db: Database, dir: string, expected: Record<string, Doc[]>): Promise<void> {
  const size = journalSize(dir);
  await expect(
    db.insert('items', [
      { _id: 'x1', code: 'X1' },
      { _id: 'x2', code: 'X2' },
    ]),
  ).rejects.toThrow(/journal write failed/);
  await expect(db.modify('slots', inc('s1', 1))).rejects.toThrow(/journal write failed/);
  await expect(db.modify('slots', { query: { _id: 's2' }, data: { balance: -1 }, merge: false, multi: false, upsert: false })).rejects.toThrow(
    /journal write failed/,
  );
  // doc('up').set(): the SDK's only upsert (merge false).
  await expect(db.modify('plain', { query: { _id: 'up' }, data: { v: 1 }, merge: false, multi: false, upsert: true })).rejects.toThrow(/journal write failed/);
  await expect(db.remove('items', { _id: 'i2' }, false)).rejects.toThrow(/journal write failed/);
  await expect(db.remove('plain', {}, true)).rejects.toThrow(/journal write failed/);
  // A transaction's commit fails as a whole: none of its writes shows, and it can still be rolled back.
  const txn = db.startTransaction();
  await db.insert('items', [{ _id: 'tx', code: 'TX' }], txn);
  await db.modify('slots', inc('s1', -50), txn);
  await db.modify('slots', inc('s2', 50), txn);
  expect(() => db.commitTransaction(txn)).toThrow(/journal write failed/);
  db.abortTransaction(txn);
  // Nothing is visible, not even through the unique index (code X1 is still free)...
  expect(state(db)).toEqual(expected);
  // ...and the journal is byte for byte what it was.
  expect(journalSize(dir)).toBe(size);
}

describe('full disk', () => {
  it.each([
    ['ENOSPC on the first byte', 0],
    ['a short write, then ENOSPC', 25],
  ])('fails the write cleanly on %s and carries on once there is room', async (_label, room) => {
    const dir = tempDir('enospc');
    const disk = new FaultyDisk();
    let db = openDb(dir, { fileOps: disk });
    await seed(db);
    const committed = state(db);

    disk.room = room;
    await everyWriteFails(db, dir, committed);
    expect(disk.calls.enospc).toBeGreaterThan(0);
    if (room > 0) expect(disk.calls.short).toBeGreaterThan(0);
    expect(disk.calls.truncate).toBeGreaterThan(0);

    // Room again: the same writes now succeed (the unique values and ids the failures tried are free).
    disk.fix();
    await db.insert('items', [{ _id: 'x1', code: 'X1' }]);
    await db.modify('slots', inc('s1', 1));
    const txn = db.startTransaction();
    await db.insert('items', [{ _id: 'tx', code: 'TX' }], txn);
    await db.modify('slots', inc('s1', -50), txn);
    await db.modify('slots', inc('s2', 50), txn);
    db.commitTransaction(txn);
    const after = state(db);
    expect(after.slots).toEqual([
      { _id: 's1', balance: 51 },
      { _id: 's2', balance: 150 },
    ]);

    // A fresh open on the real disk shows exactly the writes that succeeded.
    db = reopen(db, dir);
    expect(state(db)).toEqual(after);
    expect(allDocs(db, 'items').map((d) => d._id)).toEqual(['i2', 'i3', 'i4', 'tx', 'x1']);
  });

  it('fails the write cleanly when fdatasync fails', async () => {
    const dir = tempDir('eio');
    const disk = new FaultyDisk();
    let db = openDb(dir, { fileOps: disk });
    await seed(db);
    const committed = state(db);
    disk.syncFails = true;
    await everyWriteFails(db, dir, committed);
    disk.fix();
    await db.insert('plain', [{ _id: 'ok' }]);
    const after = state(db);
    db = reopen(db, dir);
    expect(state(db)).toEqual(after);
  });

  it('stops taking writes (fail-stop) when a failed write cannot be cut off the journal', async () => {
    const dir = tempDir('failstop');
    const disk = new FaultyDisk();
    let db = openDb(dir, { fileOps: disk });
    await seed(db);
    const committed = state(db);
    const size = journalSize(dir);

    disk.room = 30;
    disk.truncateFails = true;
    await expect(db.insert('items', [{ _id: 'x1', code: 'X1' }])).rejects.toThrow(/journal write failed/);
    expect(journalSize(dir)).toBe(size + 30); // the torn bytes could not be removed

    // Even with room again and a working truncate, the store refuses to append after a torn record.
    disk.fix();
    const callsBefore = disk.calls.write;
    await expect(db.insert('items', [{ _id: 'x2', code: 'X2' }])).rejects.toThrow(/unavailable/);
    await expect(db.modify('slots', inc('s1', 1))).rejects.toThrow(/unavailable/);
    await expect(db.remove('items', { _id: 'i2' }, false)).rejects.toThrow(/unavailable/);
    const txn = db.startTransaction();
    await db.modify('slots', inc('s1', 1), txn);
    expect(() => db.commitTransaction(txn)).toThrow(/unavailable/);
    db.abortTransaction(txn);
    expect(() => db.compact()).toThrow(/unavailable/);
    expect(disk.calls.write).toBe(callsBefore); // nothing more was written
    expect(journalSize(dir)).toBe(size + 30);
    // Reads still answer, from the committed state.
    expect(state(db)).toEqual(committed);

    // A restart cuts the torn record and shows exactly the committed writes; writes work again.
    db = reopen(db, dir);
    expect(journalSize(dir)).toBe(size);
    expect(state(db)).toEqual(committed);
    await db.insert('items', [{ _id: 'x1', code: 'X1' }]);
    const after = state(db);
    db = reopen(db, dir);
    expect(state(db)).toEqual(after);
  });

  it('loses nothing when the disk fills up during compaction', async () => {
    const dir = tempDir('compact-enospc');
    const disk = new FaultyDisk();
    const compactBytes = 1500;
    let db = openDb(dir, { fileOps: disk, compactBytes });
    await seed(db);
    db.compact();
    const written: string[] = [];
    // Only snapshot writes fail: every commit reaches the journal but no compaction can finish.
    disk.onlySnapshots = true;
    disk.room = 0;
    for (let i = 0; written.length < 40; i++) {
      const id = `c${i}`;
      try {
        await db.insert('plain', [{ _id: id, pad: 'y'.repeat(40) }]);
      } catch {
        // See the report: a failed compaction currently fails the (already committed) write that triggered it.
      }
      written.push(id);
    }
    expect(fs.existsSync(path.join(dir, SNAPSHOT + '.tmp'))).toBe(false);
    expect(journalSize(dir)).toBeGreaterThan(compactBytes);
    const before = state(db);
    db = reopen(db, dir, { compactBytes });
    expect(state(db)).toEqual(before);
    // What reached the journal is exactly what the store shows.
    expect(
      allDocs(db, 'plain')
        .filter((d) => String(d._id).startsWith('c'))
        .map((d) => d._id)
        .sort(),
    ).toEqual([...written].sort());
    disk.fix();
    await db.insert('plain', [{ _id: 'after' }]);
  });

  // KNOWN BUG (see report): Database.commit runs compaction after the commit is durable and visible,
  // without a try/catch, so a failed compaction rejects a write that in fact happened. Remove `.failing`
  // once database.ts keeps compaction failures away from the committed write.
  it('does not report a committed write as failed when only the compaction after it fails', async () => {
    const dir = tempDir('compact-enospc-ack');
    const disk = new FaultyDisk();
    const db = openDb(dir, { fileOps: disk, compactBytes: 200 });
    disk.onlySnapshots = true;
    disk.room = 0;
    let failed = 0;
    for (let i = 0; i < 5; i++) {
      try {
        await db.insert('plain', [{ _id: `w${i}`, pad: 'z'.repeat(100) }]);
      } catch {
        failed++;
      }
    }
    expect(db.count('plain', {})).toBe(5); // all five writes happened...
    expect(failed).toBe(0); // ...so none may be reported as failed
  });
});

// ---- (c) kill -9 under load, through the real server and SDK ---------------------------------------

describe('crash: kill -9 of the real server under concurrent load', () => {
  const ACCOUNTS = Array.from({ length: 10 }, (_, i) => `acct${i}`);
  const CYCLES = 5;
  const TRANSFER_WORKERS = 4;
  const ADD_WORKERS = 3;
  let cloud: TestCloud | undefined;
  let dataDir: string;

  afterAll(async () => {
    if (cloud) await cloud.kill().catch(() => undefined);
  });

  it('loses no acknowledged write and never shows half a transaction', async () => {
    dataDir = tempDir('crash');
    const env = { LOCALCLOUD_SPEC: SPEC_FILE };
    cloud = await startCloud({ dataDir, env });
    useCloudFromThisProcess(cloud);
    const sdk = require('wx-server-sdk');
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
    const db = sdk.database();
    const _ = db.command;

    for (const id of ACCOUNTS) await db.collection('slots').add({ data: { _id: id, balance: 100 } });

    // Separate seeded streams, so the kill schedule does not depend on how many transfers ran.
    const killRnd = mulberry32(20240611);
    const pick = (rnd: () => number): [string, string] => {
      const from = Math.floor(rnd() * ACCOUNTS.length);
      const to = (from + 1 + Math.floor(rnd() * (ACCOUNTS.length - 1))) % ACCOUNTS.length;
      return [ACCOUNTS[from], ACCOUNTS[to]];
    };

    let balances = new Map(ACCOUNTS.map((id) => [id, 100]));
    let nextN = 0;
    const ackedAdds = new Set<number>();
    let totalAckedTransfers = 0;

    /** A definite answer from the database to a commit (it did not happen), as opposed to a lost connection. */
    const isDbAnswer = (err: any): boolean => typeof err?.code === 'string' && /^(DATABASE_|SYS_ERR|INVALID_PARAM)/.test(err.code);

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      let stopping = false;
      const ackedTransfers: Array<[string, string]> = [];
      const inDoubt: Array<[string, string]> = [];

      const transferWorker = async (_slot: unknown, worker: number): Promise<void> => {
        const rnd = mulberry32(1000 * cycle + worker);
        while (!stopping) {
          const [from, to] = pick(rnd);
          let txn: any;
          try {
            txn = await db.startTransaction();
            const a = await txn.collection('slots').doc(from).get();
            const b = await txn.collection('slots').doc(to).get();
            if (typeof a.data.balance !== 'number' || typeof b.data.balance !== 'number') throw new Error('bad read');
            await txn
              .collection('slots')
              .doc(from)
              .update({ data: { balance: _.inc(-1) } });
            await txn
              .collection('slots')
              .doc(to)
              .update({ data: { balance: _.inc(1) } });
            if (stopping) break; // never send a commit after the kill was decided
            try {
              await txn.commit();
              ackedTransfers.push([from, to]);
            } catch (err) {
              // No answer: the commit may or may not have been applied before the kill.
              if (!isDbAnswer(err)) inDoubt.push([from, to]);
              throw err;
            }
          } catch {
            try {
              await txn?.rollback();
            } catch {
              // the server may be gone, or the transaction already ended
            }
          }
        }
      };

      const addWorker = async (): Promise<void> => {
        while (!stopping) {
          const n = nextN++;
          try {
            await db.collection('items').add({ data: { code: `c${n}`, n, cycle } });
            ackedAdds.add(n);
          } catch {
            // dead server: the add may or may not have happened
          }
        }
      };

      const workers = [...Array.from({ length: TRANSFER_WORKERS }, transferWorker), ...Array.from({ length: ADD_WORKERS }, addWorker)];
      // Killed once some writes of this cycle were acknowledged (counted, not timed: a busy machine is
      // slower), then a seeded moment later, so that the kill also lands in the middle of the next ones.
      const ackedBefore = ackedAdds.size;
      const enoughDone = Date.now() + 20_000;
      while ((ackedTransfers.length < 2 || ackedAdds.size - ackedBefore < 2) && Date.now() < enoughDone) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(killRnd() * 100)));
      stopping = true;
      await cloud.kill();
      cloud = undefined;
      await Promise.all(workers);

      // Restart on the same store: it must come up.
      cloud = await startCloud({ dataDir, env });
      useCloudFromThisProcess(cloud);

      // Balances: money is conserved, and the state is the last one plus every acknowledged transfer
      // plus some subset of the transfers whose commit got no answer.
      const slots = (await db.collection('slots').limit(100).get()).data as Array<{ _id: string; balance: number }>;
      expect(slots.map((s) => s._id).sort()).toEqual([...ACCOUNTS].sort());
      expect(slots.reduce((sum, s) => sum + s.balance, 0)).toBe(ACCOUNTS.length * 100);
      const observed = new Map(slots.map((s) => [s._id, s.balance]));
      const expected = new Map(balances);
      for (const [from, to] of ackedTransfers) {
        expected.set(from, expected.get(from)! - 1);
        expected.set(to, expected.get(to)! + 1);
      }
      expect(inDoubt.length).toBeLessThanOrEqual(TRANSFER_WORKERS);
      let explained = false;
      for (let mask = 0; mask < 1 << inDoubt.length && !explained; mask++) {
        const candidate = new Map(expected);
        inDoubt.forEach(([from, to], i) => {
          if (mask & (1 << i)) {
            candidate.set(from, candidate.get(from)! - 1);
            candidate.set(to, candidate.get(to)! + 1);
          }
        });
        explained = ACCOUNTS.every((id) => candidate.get(id) === observed.get(id));
      }
      if (!explained) {
        throw new Error(
          `cycle ${cycle}: balances ${JSON.stringify(Object.fromEntries(observed))} are not the previous ` +
            `${JSON.stringify(Object.fromEntries(balances))} plus the ${ackedTransfers.length} acknowledged transfers ` +
            `plus a subset of the ${inDoubt.length} unanswered ones`,
        );
      }
      balances = observed;
      totalAckedTransfers += ackedTransfers.length;

      // Items: every acknowledged add is there, once; nothing is there that was never sent.
      const total = (await db.collection('items').count()).total as number;
      const items: Array<{ code: string; n: number }> = [];
      while (items.length < total) {
        const page = (await db.collection('items').orderBy('n', 'asc').skip(items.length).limit(100).get()).data;
        if (page.length === 0) break;
        items.push(...page);
      }
      expect(items).toHaveLength(total);
      const seen = new Map<number, number>();
      for (const item of items) {
        expect(item.code).toBe(`c${item.n}`);
        expect(item.n).toBeLessThan(nextN);
        seen.set(item.n, (seen.get(item.n) ?? 0) + 1);
      }
      expect([...seen.values()].every((count) => count === 1)).toBe(true);
      const missing = [...ackedAdds].filter((n) => !seen.has(n));
      expect(missing).toEqual([]);
    }

    // The test did real work: writes were acknowledged in the cycles that were killed.
    expect(ackedAdds.size).toBeGreaterThan(CYCLES);
    expect(totalAckedTransfers).toBeGreaterThan(CYCLES);

    await cloud!.stop();
    cloud = undefined;
  }, 60_000);
});
