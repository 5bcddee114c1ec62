// Debian's Firefox ESR (/usr/bin/firefox-esr, or FIREFOX_PATH) driven by puppeteer-core
// over WebDriver BiDi, for the package tests and the e2e suite's second browser; never a
// browser downloaded by a tool. Headless, so without a GPU: WebGL is unavailable there.
// The preferences keep it from making traffic of its own (updates, telemetry, captive
// portal and connectivity checks), so every request a page makes is the page's.
import puppeteer from 'puppeteer-core';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function launchFirefox() {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'app.normandy.enabled': false,
      'browser.ping-centre.telemetry': false,
      'datareporting.healthreport.uploadEnabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
}
