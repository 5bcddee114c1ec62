// The search benchmark's runs: native.cpp natively (-O3, and -O3 -march=native) and in
// wasm under Node, one after another. Prints their JSON lines; report.mjs reads them.
// Needs the programs built (npm run bench search builds them).
//   node tests/bench/search/node.mjs
import { readArgs } from '../../../scripts/lib/args.mjs';
import { printProgram } from '../common/programs.mjs';

readArgs({ name: 'search', usage: 'node tests/bench/search/node.mjs' });
console.error('search: native');
await printProgram('native', 'search_bench', []);
await printProgram('native-march', 'search_bench', ['float', 'int8']);
console.error(`search: wasm under Node ${process.version}`);
await printProgram('wasm', 'search_bench', ['float', 'int8']);
