// Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) driven by playwright-core, for
// the e2e and package tests, the screenshots and the browser benchmark; never a browser
// downloaded by a tool. Headless, no GPU (WebGL is SwiftShader's software renderer), and
// no traffic of its own (updates, sync, QUIC), so every request a page makes is the page's.
import { chromium } from 'playwright-core';

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
