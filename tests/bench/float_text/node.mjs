// The float_text benchmark's runs: native.cpp natively (-O3) and in wasm under Node, one
// after another. Prints their JSON lines; report.mjs reads them.
//   node tests/bench/float_text/node.mjs
import { readArgs } from '../../../scripts/lib/args.mjs';
import { printProgram } from '../common/programs.mjs';

readArgs({ name: 'float_text', usage: 'node tests/bench/float_text/node.mjs' });
console.error('float_text: native');
await printProgram('native', 'float_text_bench', []);
console.error(`float_text: wasm under Node ${process.version}`);
await printProgram('wasm', 'float_text_bench', []);
