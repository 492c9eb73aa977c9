// The store images (docs/store/images/): the popup as the product drew it during `npm run screenshots`,
// shown large beside a plain panel that says what it shows, at the sizes the Chrome Web Store asks for
// (1280×800 screenshots, a 440×280 promo tile; Edge Add-ons and addons.mozilla.org take the same). No
// LinkedIn logo or artwork: the name appears as plain text only.

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright';

export const storeImagesDir = resolve(import.meta.dirname, '../../docs/store/images');
const iconPath = resolve(import.meta.dirname, '../../public/icons/icon-128.png');

export const screenshotSize = { width: 1280, height: 800 } as const;
export const tileSize = { width: 440, height: 280 } as const;
/** The popup is drawn at twice its size and shown smaller, so its text stays sharp. */
const popupZoom = 2;

type Scheme = 'light' | 'dark';
type Caption = { heading: string; points: string[] };

/** One store screenshot: which popup picture, and what the panel beside it says. */
export type StoreShot = { file: string; language: 'en' | 'de'; state: string; scheme: Scheme; caption: Caption };

/** Five screenshots (the Chrome Web Store shows up to five): the main states, light and dark, English and German. */
export const storeShots: readonly StoreShot[] = [
  {
    file: 'screenshot-1-en-light-turned-off.png',
    language: 'en',
    state: 'turned-off',
    scheme: 'light',
    caption: {
      heading: 'One click turns off AI training',
      points: ['Works in your own LinkedIn session, in a background tab it closes again', 'Clicks the switch only while it reads on', 'Says "off" only after a fresh load reads it off'],
    },
  },
  {
    file: 'screenshot-2-en-dark-not-found.png',
    language: 'en',
    state: 'not-found',
    scheme: 'dark',
    caption: {
      heading: 'Says so when it cannot be sure',
      points: ['If LinkedIn changed its page, nothing is clicked', 'The setting\'s address, to open it yourself', 'A report without personal data, to copy'],
    },
  },
  {
    file: 'screenshot-3-en-light-checkup-done.png',
    language: 'en',
    state: 'checkup-done',
    scheme: 'light',
    caption: {
      heading: 'Ten more data-use settings, if you choose',
      points: ['Research, ads, partners: one plain sentence each', 'Each one verified and recorded on its own', 'A ready objection text for data already used'],
    },
  },
  {
    file: 'screenshot-4-de-light-turned-off.png',
    language: 'de',
    state: 'turned-off',
    scheme: 'light',
    caption: {
      heading: 'Ein Klick widerspricht dem KI-Training',
      points: ['In Ihrer eigenen LinkedIn-Sitzung', 'Nachweis: Zeitpunkt und Ergebnis jeder Prüfung, als JSON und CSV exportierbar', 'Alles bleibt in Ihrem Browser'],
    },
  },
  {
    file: 'screenshot-5-de-dark-flipped-back.png',
    language: 'de',
    state: 'flipped-back',
    scheme: 'dark',
    caption: {
      heading: 'Passt auf, dass es aus bleibt',
      points: ['Prüft erneut, wenn Sie LinkedIn öffnen, standardmäßig täglich', 'Ein rotes ! am Symbol, wenn es wieder eingeschaltet wurde', 'Auf Wunsch eine Benachrichtigung oder „für mich ausgeschaltet halten“'],
    },
  },
];

export function storeShotFor(language: string, state: string, scheme: Scheme): StoreShot | undefined {
  return storeShots.find((shot) => shot.language === language && shot.state === state && shot.scheme === scheme);
}

/** The popup's root element drawn at `popupZoom`, as a PNG; the page is left as it was. */
export async function popupPicture(popup: Page): Promise<Buffer> {
  const viewport = popup.viewportSize();
  await popup.setViewportSize({ width: 380 * popupZoom, height: 1800 });
  await popup.evaluate((zoom) => void (document.documentElement.style.zoom = String(zoom)), popupZoom);
  try {
    return await popup.locator('#popup').screenshot({ animations: 'disabled', caret: 'hide' });
  } finally {
    await popup.evaluate(() => void (document.documentElement.style.zoom = ''));
    if (viewport) await popup.setViewportSize(viewport);
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${String(char.charCodeAt(0))};`);

const palette = {
  light: { bg: '#eef2f6', panel: '#ffffff', text: '#1f2328', muted: '#59636e', accent: '#0a58ad' },
  dark: { bg: '#0f1114', panel: '#17191c', text: '#e8eaed', muted: '#a9b1ba', accent: '#8cc4ff' },
} as const;

function screenshotHtml(shot: StoreShot, popupPng: Buffer, iconPng: Buffer): string {
  const colors = palette[shot.scheme];
  const points = shot.caption.points.map((point) => `<li>${escapeHtml(point)}</li>`).join('');
  return `<!doctype html><html lang="${shot.language}"><head><meta charset="utf-8"><style>
    html, body { margin: 0; width: ${String(screenshotSize.width)}px; height: ${String(screenshotSize.height)}px; overflow: hidden; }
    body { background: ${colors.bg}; color: ${colors.text}; font: 17px/1.5 system-ui, "DejaVu Sans", sans-serif; display: flex; align-items: center; gap: 56px; padding: 0 64px; box-sizing: border-box; }
    .panel { flex: 1; }
    .brand { display: flex; align-items: center; gap: 12px; color: ${colors.muted}; font-size: 16px; margin-bottom: 28px; }
    .brand img { width: 40px; height: 40px; }
    h1 { font-size: 38px; line-height: 1.2; margin: 0 0 24px; }
    ul { margin: 0; padding: 0; list-style: none; }
    li { font-size: 21px; margin: 0 0 16px; padding-left: 30px; position: relative; color: ${colors.text}; }
    li::before { content: ""; position: absolute; left: 0; top: 11px; width: 12px; height: 12px; border-radius: 50%; background: ${colors.accent}; }
    .popup { flex: 0 0 auto; display: flex; align-items: center; justify-content: center; width: 470px; height: 740px; }
    .popup img { max-width: 470px; max-height: 740px; border-radius: 12px; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.28); background: ${colors.panel}; }
  </style></head><body>
    <div class="panel">
      <div class="brand"><img alt="" src="data:image/png;base64,${iconPng.toString('base64')}">AI Training Opt-Out for LinkedIn</div>
      <h1>${escapeHtml(shot.caption.heading)}</h1>
      <ul>${points}</ul>
    </div>
    <div class="popup"><img alt="" src="data:image/png;base64,${popupPng.toString('base64')}"></div>
  </body></html>`;
}

function tileHtml(iconPng: Buffer): string {
  const colors = palette.light;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
    html, body { margin: 0; width: ${String(tileSize.width)}px; height: ${String(tileSize.height)}px; overflow: hidden; }
    body { background: ${colors.accent}; color: #ffffff; font: 16px/1.3 system-ui, "DejaVu Sans", sans-serif; display: flex; flex-direction: column; justify-content: center; padding: 0 36px; box-sizing: border-box; }
    img { width: 64px; height: 64px; padding: 8px; margin-bottom: 18px; background: #ffffff; border-radius: 18px; }
    h1 { font-size: 27px; margin: 0 0 10px; }
    p { font-size: 18px; margin: 0; opacity: 0.92; }
  </style></head><body>
    <img alt="" src="data:image/png;base64,${iconPng.toString('base64')}">
    <h1>AI Training Opt-Out for LinkedIn</h1>
    <p>Turn it off. Prove it. Keep watch.</p>
  </body></html>`;
}

async function drawn(context: BrowserContext, html: string, size: { width: number; height: number }, path: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.setViewportSize(size);
    await page.setContent(html, { waitUntil: 'load' });
    await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  } finally {
    await page.close();
  }
}

/** Writes each screenshot from its popup picture, and the promo tile; returns the files written. */
export async function writeStoreImages(context: BrowserContext, pictures: ReadonlyMap<string, Buffer>): Promise<string[]> {
  const iconPng = await readFile(iconPath);
  const written: string[] = [];
  for (const shot of storeShots) {
    const popupPng = pictures.get(shot.file);
    if (!popupPng) throw new Error(`no popup picture for ${shot.file}: the screenshot plan no longer reaches ${shot.language} ${shot.state} ${shot.scheme}`);
    const path = join(storeImagesDir, shot.file);
    await drawn(context, screenshotHtml(shot, popupPng, iconPng), screenshotSize, path);
    written.push(path);
  }
  const tile = join(storeImagesDir, 'promo-tile-440x280.png');
  await drawn(context, tileHtml(iconPng), tileSize, tile);
  written.push(tile);
  return written;
}

/** Width and height from a PNG's header: what the stores check first. */
export async function pngSize(path: string): Promise<{ width: number; height: number }> {
  const header = await readFile(path);
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}

