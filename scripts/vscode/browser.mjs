// Debian's Chromium driven by playwright-core: no browser download, no sandbox (CI runs as root),
// nothing that reaches the network on its own.
import { chromium } from 'playwright-core';
import { CHROMIUM } from './ensure.mjs';

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
