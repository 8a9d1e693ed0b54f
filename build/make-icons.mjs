// Makes the desktop app's icons from the SVGs below (sharp renders them), once; the PNGs and the
// .ico are committed. Run again after changing a drawing:  node build/make-icons.mjs
//
//   build/icon.png              1024 px, the app icon (electron-builder makes macOS's .icns)
//   build/icons/NxN.png         16..1024 px (Linux: AppImage and deb take the folder)
//   build/icon.ico              16..256 px (Windows: app and NSIS installer)
//   build/tray/tray-<state>.png, @2x          16/32 px, coloured (Windows, Linux)
//   build/tray/tray-<state>Template.png, @2x  16/32 px, black (macOS tints them)
// states: idle (a waveform), recording (+ a dot), problem (+ a warning triangle)
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = dirname(fileURLToPath(import.meta.url));

/** The app icon: a waveform being recorded (a red dot) on a night-blue tile. */
export const appIconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#24496b"/>
      <stop offset="1" stop-color="#0e1b29"/>
    </linearGradient>
    <linearGradient id="wave" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#ffffff"/>
      <stop offset="1" stop-color="#8fd6ff"/>
    </linearGradient>
  </defs>
  <rect x="64" y="64" width="896" height="896" rx="200" fill="url(#tile)"/>
  <rect x="64" y="64" width="896" height="896" rx="200" fill="none" stroke="#ffffff" stroke-opacity="0.08" stroke-width="8"/>
  <g fill="url(#wave)">
    <rect x="176" y="410" width="64" height="180" rx="32"/>
    <rect x="280" y="330" width="64" height="340" rx="32"/>
    <rect x="384" y="226" width="64" height="548" rx="32"/>
    <rect x="488" y="290" width="64" height="420" rx="32"/>
    <rect x="592" y="370" width="64" height="260" rx="32"/>
    <rect x="696" y="430" width="64" height="140" rx="32"/>
  </g>
  <circle cx="744" cy="744" r="150" fill="#0e1b29"/>
  <circle cx="744" cy="744" r="120" fill="#e5484d"/>
  <circle cx="744" cy="744" r="120" fill="none" stroke="#ffffff" stroke-width="18"/>
</svg>`;

// The tray's waveform on a 32 px grid: four bars, drawn short enough to stay readable at 16 px
// (three when a badge takes the corner of the fourth).
const bars = (fill, fourth = true) => `<g fill="${fill}">
    <rect x="2" y="11" width="5" height="10" rx="2.5"/>
    <rect x="9" y="4" width="5" height="24" rx="2.5"/>
    <rect x="16" y="8" width="5" height="16" rx="2.5"/>
    ${fourth ? '<rect x="23" y="12" width="5" height="8" rx="2.5"/>' : ''}
  </g>`;

// The badge sits in the lower right corner; a cut-out ring keeps it apart from the bars.
const badgeHole = {
  recording: '<circle cx="24" cy="24" r="8.5" fill="black"/>',
  problem:
    '<path d="M24 13.5 L33.5 31 L14.5 31 Z" fill="black" stroke="black" stroke-width="3" stroke-linejoin="round"/>',
};
const badge = {
  recording: (fill) => `<circle cx="24" cy="24" r="6.5" fill="${fill}"/>`,
  problem: (
    fill,
    mark,
  ) => `<path d="M24 16 L31.5 30 L16.5 30 Z" fill="${fill}" stroke="${fill}" stroke-width="2" stroke-linejoin="round"/>
    <rect x="23" y="20" width="2" height="5.5" rx="1" fill="${mark}"/>
    <circle cx="24" cy="27.6" r="1.2" fill="${mark}"/>`,
};

/**
 * A tray icon. `template`: black shapes only (macOS tints them; the "!" is cut out); otherwise
 * grey bars that read on light and dark panels, a red dot, an amber triangle.
 */
export function trayIconSvg(state, template) {
  const barFill = template ? '#000000' : '#a9b4bf';
  const fourth = state === 'idle';
  const outline = template
    ? ''
    : `<g stroke="#1b232b" stroke-opacity="0.55" stroke-width="1.2">${bars('none', fourth)}</g>`;
  const mask =
    state === 'idle'
      ? ''
      : `<mask id="m"><rect width="32" height="32" fill="white"/>${badgeHole[state]}</mask>`;
  const masked = state === 'idle' ? '' : ' mask="url(#m)"';
  let mark = '';
  if (state === 'recording') mark = badge.recording(template ? '#000000' : '#e5484d');
  if (state === 'problem') {
    mark = template
      ? `<mask id="bang"><rect width="32" height="32" fill="white"/><rect x="23" y="20" width="2" height="5.5" rx="1" fill="black"/><circle cx="24" cy="27.6" r="1.2" fill="black"/></mask>
    <g mask="url(#bang)">${badge.problem('#000000', '#000000')}</g>`
      : badge.problem('#f5a524', '#1b232b');
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <defs>${mask}</defs>
  <g${masked}>${bars(barFill, fourth)}${outline}</g>
  ${mark}
</svg>`;
}

/** Renders at twice the target size (density relative to the viewBox), then scales down. */
async function png(svg, size) {
  const box = Number(/viewBox="0 0 (\d+)/.exec(svg)?.[1] ?? size);
  return sharp(Buffer.from(svg), { density: (72 * 2 * size) / box })
    .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** A BMP (DIB) entry of an .ico: 32-bit BGRA rows bottom-up, then the 1-bit AND mask. */
async function icoBitmap(svg, size) {
  const { data } = await sharp(await png(svg, size))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = data[from + 2];
      pixels[to + 1] = data[from + 1];
      pixels[to + 2] = data[from];
      pixels[to + 3] = data[from + 3];
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  const mask = Buffer.alloc(maskRow * size); // all 0: the alpha channel decides
  return Buffer.concat([header, pixels, mask]);
}

/** A Windows .ico: bitmaps up to 128 px (read by every Windows tool), PNG for 256 px. */
export async function ico(svg, sizes) {
  const images = [];
  for (const size of sizes) {
    images.push({ size, data: size >= 256 ? await png(svg, size) : await icoBitmap(svg, size) });
  }
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(({ size, data }, i) => {
    const at = 6 + 16 * i;
    head.writeUInt8(size >= 256 ? 0 : size, at);
    head.writeUInt8(size >= 256 ? 0 : size, at + 1);
    head.writeUInt8(0, at + 2);
    head.writeUInt8(0, at + 3);
    head.writeUInt16LE(1, at + 4);
    head.writeUInt16LE(32, at + 6);
    head.writeUInt32LE(data.length, at + 8);
    head.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...images.map((i) => i.data)]);
}

export const APP_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const TRAY_STATES = ['idle', 'recording', 'problem'];

async function main() {
  const write = async (path, data) => {
    await mkdir(dirname(join(here, path)), { recursive: true });
    await writeFile(join(here, path), data);
    console.log(`${path} (${data.length} bytes)`);
  };
  await write('icon.svg', `${appIconSvg}\n`);
  await write('icon.png', await png(appIconSvg, 1024));
  for (const size of APP_ICON_SIZES) {
    await write(`icons/${size}x${size}.png`, await png(appIconSvg, size));
  }
  await write('icon.ico', await ico(appIconSvg, ICO_SIZES));
  for (const state of TRAY_STATES) {
    for (const template of [false, true]) {
      const svg = trayIconSvg(state, template);
      const name = `tray/tray-${state}${template ? 'Template' : ''}`;
      await write(`${name}.png`, await png(svg, 16));
      await write(`${name}@2x.png`, await png(svg, 32));
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
