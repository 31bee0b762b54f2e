import fs from 'fs';
import path from 'path';
import { GLOSSARY, glossaryTable, Term } from '../../contract';

/** One word per concept: the sources residents read never use a word the glossary sets aside, and docs/GLOSSARY.md is its table. */

const ROOT = path.join(__dirname, '..', '..');
/** What residents read comes from these: pages and components, the functions' messages, the contract's and rules' words. */
const SOURCES = ['src', 'cloudfunctions', 'rules', 'contract'];
const GLOSSARY_FILE = path.join('contract', 'terms', 'glossary.ts');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) && rel !== GLOSSARY_FILE ? [rel] : [];
  });
}

test('no source says a word the glossary sets aside for another', () => {
  const terms = Object.values(GLOSSARY as Record<string, Term>);
  const found = SOURCES.flatMap(sourceFiles).flatMap((file) => {
    const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    return terms.flatMap((t) =>
      t.not.flatMap((avoided) => lines.flatMap((line, i) => (line.includes(avoided) ? [`${file}:${i + 1}: “${avoided}” (say “${t.word}”)`] : []))),
    );
  });
  expect(found).toEqual([]);
});

test('each concept has its own word, and no word is both used and set aside', () => {
  const terms = Object.values(GLOSSARY as Record<string, Term>);
  const words = terms.map((t) => t.word);
  expect(new Set(words).size).toBe(words.length);
  expect(terms.flatMap((t) => t.not).filter((w) => words.includes(w))).toEqual([]);
});

test('docs/GLOSSARY.md holds the glossary as the module has it', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'GLOSSARY.md'), 'utf8');
  expect(doc).toContain(glossaryTable());
});
