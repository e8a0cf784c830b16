// Renders the extension's icon, images/icon.svg, to images/icon.png (256x256, transparent corners)
// with a headless Chromium (`chromium` on PATH, or CHROMIUM=/path/to/chrome). The PNG is committed:
// the Marketplace and Open VSX take a PNG icon, not an SVG.
//
//   npm run icon
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const svg = join(ROOT, 'images', 'icon.svg');
const png = join(ROOT, 'images', 'icon.png');
const size = 256;
const profile = mkdtempSync(join(tmpdir(), 'postmortem-icon-'));
try {
  const r = spawnSync(process.env.CHROMIUM || 'chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--user-data-dir=${profile}`,
    '--default-background-color=00000000', `--window-size=${size},${size}`, `--screenshot=${png}`, pathToFileURL(svg).toString(),
  ], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`chromium failed (exit ${r.status}): ${r.stderr}`);
} finally {
  rmSync(profile, { recursive: true, force: true });
}
const head = readFileSync(png);
console.log(`${png}: ${head.readUInt32BE(16)}x${head.readUInt32BE(20)}, ${head.length} bytes`);
