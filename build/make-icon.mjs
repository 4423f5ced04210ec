// Draws the extension icon (a shield over two regions, one replicated to the other) as PNG files,
// with no image library: pixels computed here, encoded with zlib. Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf) {
  let c;
  const table = [];
  for (let n = 0; n < 256; n++) {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Anti-aliasing: the average of 4×4 samples inside the pixel, weighted by their alpha. */
function supersample(pixel, x, y, size, n = 4) {
  let r = 0;
  let g = 0;
  let b = 0;
  let a = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const [pr, pg, pb, pa] = pixel((x + (i + 0.5) / n) / size, (y + (j + 0.5) / n) / size);
      r += pr * pa;
      g += pg * pa;
      b += pb * pa;
      a += pa;
    }
  }
  return a === 0 ? [0, 0, 0, 0] : [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round(a / (n * n))];
}

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = supersample(pixel, x, y, size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));

function icon(u, v) {
  // Rounded square background, Azure blue gradient.
  const r = 0.18;
  const dx = Math.max(Math.abs(u - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(v - 0.5) - (0.5 - r), 0);
  if (dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
  let c = mix([0, 120, 212], [0, 69, 138], v);
  // Shield: width shrinks towards the bottom point.
  const top = 0.16;
  const bottom = 0.86;
  if (v > top && v < bottom) {
    const half = v < 0.55 ? 0.3 : 0.3 * (1 - (v - 0.55) / (bottom - 0.55));
    const d = Math.abs(u - 0.5);
    if (d < half) c = d > half - 0.045 || v < top + 0.045 ? [255, 255, 255] : mix([232, 243, 252], [200, 226, 247], v);
  }
  // Two regions (dots) joined by a replication line; the second region green.
  const dot = (cx, cy, rad) => (u - cx) ** 2 + (v - cy) ** 2 < rad * rad;
  if (v > 0.44 && v < 0.47 && u > 0.36 && u < 0.64) c = [0, 120, 212];
  if (dot(0.36, 0.455, 0.075)) c = [0, 120, 212];
  if (dot(0.64, 0.455, 0.075)) c = [16, 124, 16];
  return [...c, 255];
}

writeFileSync('images/icon.png', png(128, icon));
writeFileSync('tasks/DrCheckV1/icon.png', png(32, icon));
console.log('wrote images/icon.png (128×128) and tasks/DrCheckV1/icon.png (32×32)');
