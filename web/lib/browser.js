// The package's entry in browsers and browser bundles (package.json "exports" default,
// and the "browser" field for bundlers that read no "exports"): the browser platform
// (web glue, Web Workers), then the public API (api.js). Nothing here reaches Node code.
import { usePlatform } from './core/init.js';
import { browserPlatform } from './platform/browser.js';

usePlatform(browserPlatform);

export * from './api.js';
