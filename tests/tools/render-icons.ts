// Renders public/icons/icon.svg to the PNG sizes the manifest lists (browsers need bitmaps for toolbar icons).
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright';
import { chromiumPath } from '../harness/browser';

const sizes = [16, 32, 48, 128];
const svg = await readFile('public/icons/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
for (const size of sizes) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
  await page.screenshot({ path: `public/icons/icon-${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
