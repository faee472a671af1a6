// Photos for the README screenshots: hill landscapes of Lai Châu painted on a canvas and encoded as JPEG by
// Chromium (real, decodable files the server and the bulletin handle like a phone's), with their thumbnails.
// The test photos of photo-fixtures.ts are a red/blue pattern made to check orientation: not for showing.
import type { Page } from 'playwright-core';

/** What the foreground shows (the hills, sky and clouds are always there). */
export type Scene = 'terraces' | 'flood' | 'village' | 'bridge' | 'landslide' | 'weaving';

export interface PaintedPhoto { photo: Buffer; thumb: Buffer; width: number; height: number }

export const PHOTO_SIZE = { width: 1600, height: 1200 } as const;
const THUMB_SIZE = { width: 320, height: 240 } as const;

// In-page code as a string: tsx/esbuild would wrap named inner functions in a `__name` helper the page lacks.
const PAINT_IN_PAGE = `async ({ scene, seed, width: W, height: H, thumbWidth, thumbHeight }) => {
  const canvas = new OffscreenCanvas(W, H);
  const g = canvas.getContext('2d');
  let s = seed >>> 0;
  const rand = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const wave = (x, k) => Math.sin(x / (180 + k * 40) + seed + k) * 40 + Math.sin(x / (70 + k * 9) + k * 3) * 14;
  const rainy = scene === 'flood' || scene === 'landslide';
  const sky = g.createLinearGradient(0, 0, 0, H * 0.6);
  sky.addColorStop(0, rainy ? '#8c9aa6' : '#6fa8dc'); sky.addColorStop(1, rainy ? '#cfd6da' : '#dcecf7');
  g.fillStyle = sky; g.fillRect(0, 0, W, H);
  for (let i = 0; i < 7; i++) {
    g.fillStyle = rainy ? 'rgba(120,130,140,0.55)' : 'rgba(255,255,255,0.7)';
    g.beginPath(); g.ellipse(rand() * W, 60 + rand() * 220, 90 + rand() * 160, 18 + rand() * 26, 0, 0, Math.PI * 2); g.fill();
  }
  const hills = rainy ? ['#8a9a9a', '#6e837a', '#566d5e', '#44594a'] : ['#8fa9bf', '#6d9477', '#4f7b57', '#3c6644'];
  hills.forEach((colour, k) => {
    const base = H * (0.3 + k * 0.09);
    g.fillStyle = colour; g.beginPath(); g.moveTo(0, H);
    for (let x = 0; x <= W; x += 10) g.lineTo(x, base - wave(x, k) * (1.6 - k * 0.25));
    g.lineTo(W, H); g.fill();
  });
  const ground = H * 0.62;
  const band = (y, colour, amp) => {
    g.fillStyle = colour; g.beginPath(); g.moveTo(0, H);
    for (let x = 0; x <= W; x += 10) g.lineTo(x, y + Math.sin(x / 260 + y / 90) * amp);
    g.lineTo(W, H); g.fill();
  };
  if (scene === 'terraces' || scene === 'village' || scene === 'weaving') {
    for (let i = 0; i < 12; i++) band(ground + i * 42, i % 2 ? '#b9c94f' : '#97b23a', 26 - i);
  } else band(ground, '#5d7d3e', 20);
  if (scene === 'flood' || scene === 'bridge') {
    const water = g.createLinearGradient(0, H * 0.72, 0, H);
    water.addColorStop(0, scene === 'flood' ? '#9b8462' : '#6d98a8'); water.addColorStop(1, scene === 'flood' ? '#7a6346' : '#4d7886');
    g.fillStyle = water; g.beginPath(); g.moveTo(0, H * 0.74);
    for (let x = 0; x <= W; x += 10) g.lineTo(x, H * 0.74 + Math.sin(x / 140) * 10);
    g.lineTo(W, H); g.lineTo(0, H); g.fill();
    g.strokeStyle = 'rgba(255,255,255,0.35)'; g.lineWidth = 3;
    for (let i = 0; i < 40; i++) { const x = rand() * W, y = H * 0.78 + rand() * H * 0.2; g.beginPath(); g.moveTo(x, y); g.quadraticCurveTo(x + 30, y - 8, x + 60, y); g.stroke(); }
  }
  if (scene === 'bridge') {
    g.strokeStyle = '#3b3b3b'; g.lineWidth = 6;
    for (const x of [260, 1340]) { g.beginPath(); g.moveTo(x, H * 0.74); g.lineTo(x, H * 0.5); g.stroke(); }
    g.lineWidth = 4; g.beginPath(); g.moveTo(260, H * 0.5); g.quadraticCurveTo(800, H * 0.78, 1340, H * 0.5); g.stroke();
    g.lineWidth = 10; g.beginPath(); g.moveTo(200, H * 0.71); g.quadraticCurveTo(800, H * 0.74, 1400, H * 0.71); g.stroke();
    g.lineWidth = 2; for (let x = 300; x < 1320; x += 40) { const t = (x - 260) / 1080; g.beginPath(); g.moveTo(x, H * (0.5 + 0.28 * 2 * t * (1 - t) * 1.0)); g.lineTo(x, H * 0.72); g.stroke(); }
  }
  if (scene === 'landslide') {
    g.fillStyle = '#9a6b43'; g.beginPath(); g.moveTo(620, H * 0.38); g.lineTo(760, H * 0.37);
    g.quadraticCurveTo(900, H * 0.7, 1120, H); g.lineTo(380, H); g.quadraticCurveTo(600, H * 0.7, 620, H * 0.38); g.fill();
    g.fillStyle = '#7b5434'; for (let i = 0; i < 60; i++) { g.beginPath(); g.arc(420 + rand() * 640, H * 0.6 + rand() * H * 0.4, 6 + rand() * 16, 0, Math.PI * 2); g.fill(); }
  }
  if (scene === 'village' || scene === 'landslide' || scene === 'weaving') {
    const houses = scene === 'weaving' ? [[560, 1.6]] : [[180, 1], [470, 0.8], [1180, 1.1], [1420, 0.7]];
    for (const [x, k] of houses) {
      const y = ground + 40 * k, w = 220 * k, h = 90 * k;
      g.fillStyle = '#4a3424'; for (let p = 0; p < 4; p++) g.fillRect(x + p * (w - 10) / 3, y + h, 8 * k, 50 * k);
      g.fillStyle = '#8a6240'; g.fillRect(x, y, w, h);
      g.fillStyle = '#3e3a36'; g.beginPath(); g.moveTo(x - 30 * k, y + 6); g.lineTo(x + w / 2, y - 90 * k); g.lineTo(x + w + 30 * k, y + 6); g.fill();
      g.fillStyle = '#2b1f16'; g.fillRect(x + w * 0.4, y + h * 0.3, w * 0.18, h * 0.5);
    }
  }
  if (scene === 'weaving') {
    const colours = ['#b3202a', '#1d3f8f', '#e0b020', '#1f1f1f', '#d9d9d9', '#2f7d4f'];
    for (let r = 0; r < 14; r++) for (let c = 0; c < 24; c++) {
      g.fillStyle = colours[(r * 3 + c + (r % 2) * 2) % colours.length];
      g.fillRect(900 + c * 22, H * 0.62 + r * 22, 22, 22);
    }
  }
  const toB64 = async (c) => { const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
    const bytes = new Uint8Array(await blob.arrayBuffer()); let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin); };
  const thumb = new OffscreenCanvas(thumbWidth, thumbHeight);
  thumb.getContext('2d').drawImage(canvas, 0, 0, thumbWidth, thumbHeight);
  return [await toB64(canvas), await toB64(thumb)];
}`;

/** A painted photo and its thumbnail, encoded by Chromium in `page` (about:blank works). */
export async function paintPhoto(page: Page, scene: Scene, seed: number): Promise<PaintedPhoto> {
  const args = { scene, seed, ...PHOTO_SIZE, thumbWidth: THUMB_SIZE.width, thumbHeight: THUMB_SIZE.height };
  const [photo, thumb] = await page.evaluate<[string, string]>(`(${PAINT_IN_PAGE})(${JSON.stringify(args)})`);
  return { photo: Buffer.from(photo, 'base64'), thumb: Buffer.from(thumb, 'base64'), ...PHOTO_SIZE };
}
