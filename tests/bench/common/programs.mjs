// The C++ programs (<benchmark>/native.cpp) and the package the runners measure: where
// they are built, how they are built, and running one.
//
// CMake builds the programs three ways under build/bench/: native -O3 (a portable binary:
// the baseline the issue names for gather and search), native -O3 -march=native (the
// baseline for word2vec), and em++ with the library's wasm flags (cpp/CMakeLists.txt;
// -mbulk-memory matters: without it Emscripten 3.1.6 turns every memcpy of 512 bytes or
// more into a call out to JavaScript). Only the bench targets are built, incrementally.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { endText, jsonLines, runProcess } from './children.mjs';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const OUT = path.join(ROOT, 'build', 'bench');

const BUILDS = {
  native: ['cmake', []],
  'native-march': ['cmake', ['-DCMAKE_CXX_FLAGS=-march=native']],
  wasm: ['emcmake', []],
};
const TARGETS = ['gather_bench', 'search_bench', 'word2vec_bench', 'backward_bench', 'float_text_bench'];
const WASM_ONLY = ['gather_bench_novec', 'gather_bench_web'];

/** Where a program is: build 'native', 'native-march' or 'wasm' (the .cjs, or the page's .mjs). */
export function programPath(build, name) {
  const file = path.join(OUT, build, 'tests', 'bench', name);
  return build !== 'wasm' ? file : name.endsWith('_web') ? `${file}.mjs` : `${file}.cjs`;
}

/**
 * [command, args] that run a program: a native binary directly, a wasm one under this
 * Node without its global fetch, which Emscripten 3.1.6's glue would try on a file path.
 */
export function programCommand(build, name, args = []) {
  return build === 'wasm'
    ? [process.execPath, ['--no-experimental-fetch', programPath(build, name), ...args]]
    : [programPath(build, name), args];
}

// Debian's em++ runs its JS parts with the system node and needs Debian's node modules
// (acorn) on NODE_PATH, as scripts/env.sh sets for the shell scripts.
const ENV = { ...process.env, NODE_PATH: ['/usr/share/nodejs', process.env.NODE_PATH].filter(Boolean).join(':') };

// Runs a command with its output appended to `log` (shown on failure); throws unless it succeeds.
function step(label, command, args, log) {
  const fd = openSync(log, 'a');
  const r = spawnSync(command, args, { cwd: ROOT, env: ENV, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (r.error?.code === 'ENOENT') throw new Error(`${label}: '${command}' not found (bash scripts/setup.sh installs it)`);
  if (r.error || r.status !== 0) {
    const tail = spawnSync('tail', ['-n', '40', log], { encoding: 'utf8' }).stdout;
    throw new Error(`${label} failed (${r.error?.message ?? `exit ${r.status}`}); end of ${path.relative(ROOT, log)}:\n${tail}`);
  }
}

/** Configures (once) and builds the programs, all three builds. */
export function buildPrograms() {
  for (const [build, [cmake, flags]] of Object.entries(BUILDS)) {
    const dir = path.join(OUT, build);
    const log = `${dir}.log`;
    rmSync(log, { force: true });
    // Configured every time: a target added to tests/bench since the last run is then known.
    const configure = existsSync(path.join(dir, 'CMakeCache.txt')) ? ['cmake', [dir]]
      : [cmake, [...(cmake === 'emcmake' ? ['cmake'] : []), '-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release',
        '-DEMBEDWASM_BENCH=ON', '-DEMBEDWASM_TESTS=OFF', `-DEMBEDWASM_BENCH_BUILD_NAME=${build}`, ...flags]];
    step(`configuring ${build}`, configure[0], configure[1], log);
    console.error(`building ${path.relative(ROOT, dir)} (log in ${path.relative(ROOT, log)})`);
    const targets = build === 'wasm' ? [...TARGETS, ...WASM_ONLY] : TARGETS;
    step(`building ${build}`, 'cmake', ['--build', dir, '-j2', '--target', ...targets], log);
  }
}

/** The package as built from the current source, never a stale dist/. */
export function buildDist() {
  const log = path.join(OUT, 'dist_build.log');
  rmSync(log, { force: true });
  console.error(`building dist/ (scripts/build.sh wasm dist, log in ${path.relative(ROOT, log)})`);
  step('scripts/build.sh wasm dist', 'bash', ['scripts/build.sh', 'wasm', 'dist'], log);
}

/**
 * Runs a program to its end (its stderr passed on as progress); resolves to the records it
 * printed, or rejects with how it ended, the records it printed before attached.
 */
export async function runProgram(build, name, args) {
  const [command, argv] = programCommand(build, name, args);
  const r = await runProcess(command, argv, { echo: true, cwd: ROOT });
  const records = jsonLines(r.stdout);
  if (r.code === 0) return records;
  const where = path.relative(ROOT, programPath(build, name));
  const why = r.code === null && !r.signal ? `${r.stderr.trim()} (npm run bench builds it)` : endText(r);
  throw Object.assign(new Error(`${where} ${why}`), { records });
}

/**
 * Runs a program and prints its records as JSON lines (the runners' stdout). A program that
 * fails (a wrong output, a crash) is reported on stderr and makes this process exit 1.
 */
export async function printProgram(build, name, args) {
  let records;
  try {
    records = await runProgram(build, name, args);
  } catch (error) {
    records = error.records;
    console.error(`bench: ${error.message}`);
    process.exitCode = 1;
  }
  for (const r of records) console.log(JSON.stringify(r));
}
