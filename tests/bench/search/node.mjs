// The search benchmark's runs: native.cpp natively (-O3, and -O3 -march=native) and in
// wasm under Node, one after another, then the public API's single and batched queries on
// 1 and 2 threads (api.mjs). Prints their JSON lines; report.mjs reads them.
// Needs the programs and dist/ built (npm run bench search builds them).
//   node tests/bench/search/node.mjs [native|api...]
import { readArgs } from '../../../scripts/lib/args.mjs';
import { fileURLToPath } from 'node:url';

import { jsonLines, runProcess } from '../common/children.mjs';
import { printProgram } from '../common/programs.mjs';

const { positionals } = readArgs({ name: 'search', usage: 'node tests/bench/search/node.mjs [native|api...]', positionals: ['native', 'api'] });
const parts = positionals.length ? positionals : ['native', 'api'];
if (parts.includes('native')) {
  console.error('search: native');
  await printProgram('native', 'search_bench', []);
  await printProgram('native-march', 'search_bench', ['float', 'int8']);
  console.error(`search: wasm under Node ${process.version}`);
  await printProgram('wasm', 'search_bench', ['float', 'int8']);
}
if (parts.includes('api')) {
  console.error('search: public API, 1 and 2 threads');
  const r = await runProcess(process.execPath, [fileURLToPath(new URL('./api.mjs', import.meta.url))], { echo: true });
  for (const line of jsonLines(r.stdout)) console.log(JSON.stringify(line));
  if (r.code !== 0) {
    console.error(`search: api.mjs exited with ${r.code ?? r.signal}`);
    process.exitCode = 1;
  }
}
