// Draws the tab bar's icons (src/assets/tabbar/*.png) from the app's SVG icons: WeChat's native tab bar
// takes only PNG/JPG files (at most 40 KB, 81×81 px recommended), one for each tab and state, in the
// colours of app.config.ts's tabBar (color, selectedColor). Debian's Chromium (as the tests') draws each
// icon's coverage; written as an indexed PNG (one colour at 16 opacities), a file is about a kilobyte,
// which matters: the tab bar's files count against the main package's budget.
// Run after changing an icon or a colour: node scripts/tabbar-icons.mjs
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';
import zlib from 'zlib';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const icons = path.join(root, 'src', 'assets', 'icons');
const out = path.join(root, 'src', 'assets', 'tabbar');
const SIZE = 81;
/** Each tab's file name and its icon (src/assets/icons/<icon>.svg). */
const TABS = { service: 'heart-handshake', events: 'calendar-event', stations: 'map-pin', me: 'user' };
/** File suffix → colour: the tab bar's `color` and `selectedColor`. */
const STATES = { '': '#4A4A4A', '-selected': '#B3261E' };

/** The icon's opacity at each pixel (row by row, 0–255), drawn at SIZE×SIZE by the page's canvas. */
/* global Image, btoa, document -- the page's, inside page.evaluate */
async function coverage(page, svg) {
  return page.evaluate(
    async ({ svg, size }) => {
      const image = new Image(size, size);
      image.src = `data:image/svg+xml;base64,${btoa(svg)}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = size;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0, size, size);
      const rgba = context.getImageData(0, 0, size, size).data;
      return Array.from({ length: size * size }, (_, i) => rgba[i * 4 + 3]);
    },
    { svg, size: SIZE },
  );
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Opacity levels kept: 16 smooth the edges as well as 256 at 81 px, in half a byte a pixel. */
const LEVELS = 16;

/** An indexed PNG (4 bits a pixel) whose palette is `colour` at LEVELS opacities. */
function indexedPng(alpha, colour) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([4, 3, 0, 0, 0], 8); // 4 bits, indexed colour, deflate, adaptive filtering, no interlace
  const rgb = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
  const palette = Buffer.from(Array.from({ length: LEVELS }, () => rgb).flat());
  const opacities = Buffer.from(Array.from({ length: LEVELS }, (_, level) => Math.round((level * 255) / (LEVELS - 1))));
  const rowBytes = 1 + Math.ceil(SIZE / 2); // filter type 0, then two pixels a byte
  const rows = Buffer.alloc(SIZE * rowBytes);
  alpha.forEach((a, i) => {
    const [x, y] = [i % SIZE, Math.floor(i / SIZE)];
    const level = Math.round((a * (LEVELS - 1)) / 255);
    rows[y * rowBytes + 1 + (x >> 1)] |= x % 2 ? level : level << 4;
  });
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('PLTE', palette),
    chunk('tRNS', opacities),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  for (const [tab, icon] of Object.entries(TABS)) {
    const alpha = await coverage(page, fs.readFileSync(path.join(icons, `${icon}.svg`), 'utf8'));
    for (const [suffix, colour] of Object.entries(STATES)) {
      const file = path.join(out, `${tab}${suffix}.png`);
      fs.writeFileSync(file, indexedPng(alpha, colour));
      console.log(`${path.relative(root, file)}: ${fs.statSync(file).size} bytes`);
    }
  }
} finally {
  await browser.close();
}
