// The training worker in a browser (a module Web Worker): package.json "exports" gives it
// as embedwasm/worker to bundlers (esbuild users bundle it as a second entry point), and
// platform/browser.js starts it by default. No top-level await here, so that Vite 5 to 7,
// whose default worker format is IIFE, can bundle it.
import { usePlatform } from '../core/init.js';
import { browserPlatform } from '../platform/browser.js';
import { serveJobs } from './worker_jobs.js';

usePlatform(browserPlatform);
serveJobs(browserPlatform.workerPort());
