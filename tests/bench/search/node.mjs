// The search benchmark's runs: native.cpp natively (-O3, and -O3 -march=native) and in
// wasm under Node, one after another, then the public API's single and batched queries on
// 1 and 2 threads (api.mjs). Prints their JSON lines; report.mjs reads them.
// Needs the programs and dist/ built (npm run bench search builds them).
//   node tests/bench/search/node.mjs [--V N] [--D N] [--queries N] [--warmup N] [--reps N] [native|api...]
// --V and --D go to both parts; --queries and --warmup (queries timed, and untimed before
// them) to the native programs; --reps (timed rounds of 100 queries) to api.mjs.
import { passArgs, readArgs } from '../../../scripts/lib/args.mjs';
import { fileURLToPath } from 'node:url';

import { jsonLines, runProcess } from '../common/children.mjs';
import { printProgram } from '../common/programs.mjs';

const args = readArgs({
  name: 'search',
  usage: 'node tests/bench/search/node.mjs [--V N] [--D N] [--queries N] [--warmup N] [--reps N] [native|api...]',
  options: {
    V: { type: 'string', min: 10 },
    D: { type: 'string', min: 1 },
    queries: { type: 'string', min: 10 },
    warmup: { type: 'string', min: 1 },
    reps: { type: 'string', min: 1 },
  },
  positionals: ['native', 'api'],
});
const parts = args.positionals.length ? args.positionals : ['native', 'api'];
if (parts.includes('native')) {
  const nativeArgs = passArgs(args, ['V', 'D', 'queries', 'warmup']);
  console.error('search: native');
  await printProgram('native', 'search_bench', nativeArgs);
  await printProgram('native-march', 'search_bench', [...nativeArgs, 'float', 'int8']);
  console.error(`search: wasm under Node ${process.version}`);
  await printProgram('wasm', 'search_bench', [...nativeArgs, 'float', 'int8']);
}
if (parts.includes('api')) {
  console.error('search: public API, 1 and 2 threads');
  const apiArgs = passArgs(args, ['V', 'D', 'reps']);
  const r = await runProcess(process.execPath, [fileURLToPath(new URL('./api.mjs', import.meta.url)), ...apiArgs], { echo: true });
  for (const line of jsonLines(r.stdout)) console.log(JSON.stringify(line));
  if (r.code !== 0) {
    console.error(`search: api.mjs exited with ${r.code ?? r.signal}`);
    process.exitCode = 1;
  }
}
