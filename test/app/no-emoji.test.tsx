import fs from 'fs';
import path from 'path';

/**
 * Emoji render as empty boxes where no emoji font is installed (many phones' WebViews, Debian's Chromium):
 * the app's symbols are icons (src/components/Icon.tsx). Text marks every CJK font has (✓ ✕ ○ →) stay text.
 */
const EMOJI = /\p{Extended_Pictographic}|\uFE0F/u;
const SRC = path.join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.(tsx?|css|html)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

test('no source file of the app shows an emoji', () => {
  const files = sourceFiles(SRC);
  expect(files.length).toBeGreaterThan(50);
  const offenders = files.flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (EMOJI.test(line) ? [`${path.relative(SRC, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
  expect(offenders).toEqual([]);
});
