// The package's entry under Node (package.json "exports" condition "node"): the Node
// platform (glue linked for Node, worker_threads), then the public API (api.js).
import { usePlatform } from './core/init.js';
import { nodePlatform } from './platform/node.js';

usePlatform(nodePlatform);

export * from './api.js';
