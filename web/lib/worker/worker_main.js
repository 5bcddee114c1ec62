// The training worker under Node (a worker_threads Worker): package.json "exports" gives
// it as embedwasm/worker to Node, and platform/node.js starts it by default.
import { usePlatform } from '../core/init.js';
import { nodePlatform } from '../platform/node.js';
import { serveJobs } from './worker_jobs.js';

usePlatform(nodePlatform);
serveJobs(nodePlatform.workerPort());
