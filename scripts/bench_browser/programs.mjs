// The two C++ programs next to the page's contenders, from tests/bench/gather_bench.cpp:
// the web build of our raw kernel bench (run in the page) and the native row-by-row
// memcpy gather (run by the runner, so ratios come from one run). Built here only when
// missing or older than their sources; the flags are scripts/bench.sh's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCES = ['tests/bench/gather_bench.cpp', 'cpp/src/kernels/gather_rows/scalar.h',
  'cpp/src/kernels/gather_rows/wasm_simd128.h'];

// scripts/bench.sh's WASM_FLAGS with -sENVIRONMENT=web and an ES module factory whose
// main() the page calls with arguments (INVOKE_RUN=0), printing through Module.print.
const WEB_FLAGS = ['-std=c++17', '-O3', '-msimd128', '-mbulk-memory', '-Wall', '-Wextra', '-I', 'cpp/src',
  '-sALLOW_MEMORY_GROWTH=1', '-sMAXIMUM_MEMORY=4GB', '-sENVIRONMENT=web', '-sMODULARIZE=1', '-sEXPORT_ES6=1',
  '-sEXPORT_NAME=createGatherBench', '-sINVOKE_RUN=0', '-sEXPORTED_RUNTIME_METHODS=callMain'];
// scripts/bench.sh's NATIVE_FLAGS: -O3, no -march=native (a portable binary's figure).
const NATIVE_FLAGS = ['-std=c++17', '-O3', '-Wall', '-Wextra', '-Wpedantic', '-I', 'cpp/src'];

function newest(root, files) {
  return Math.max(...files.map((f) => statSync(path.join(root, f)).mtimeMs));
}

function fresh(file, sourcesTime) {
  return existsSync(file) && statSync(file).mtimeMs >= sourcesTime;
}

function compile(root, compiler, args, env) {
  const r = spawnSync(compiler, args, { cwd: root, env, encoding: 'utf8', timeout: 300_000 });
  if (r.error) throw new Error(`${compiler}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${compiler} exited with ${r.status}: ${r.stderr.trim().split('\n').slice(-6).join(' | ')}`);
}

/** build/bench/browser/gather_bench.mjs (+ .wasm); throws the compiler's message on failure. */
export function buildWebKernel(root, outDir) {
  const out = path.join(outDir, 'gather_bench.mjs');
  if (fresh(out, newest(root, SOURCES))) return out;
  mkdirSync(outDir, { recursive: true });
  // Debian's em++ runs its JS parts with the system node and needs Debian's acorn (scripts/env.sh).
  const env = { ...process.env, NODE_PATH: ['/usr/share/nodejs', process.env.NODE_PATH].filter(Boolean).join(':') };
  compile(root, 'em++', [...WEB_FLAGS, SOURCES[0], '-o', out], env);
  return out;
}

/**
 * The native gather bench: the one scripts/bench.sh builds (CMake's build/bench/native, or
 * the older build/bench/gather_bench_native) when it is newer than the source, else one
 * built here with the same flags.
 */
export function nativeGatherBench(root, outDir) {
  const sourcesTime = newest(root, SOURCES);
  for (const candidate of ['build/bench/native/tests/bench/gather_bench', 'build/bench/gather_bench_native']) {
    const file = path.join(root, candidate);
    if (fresh(file, sourcesTime)) return file;
  }
  const out = path.join(outDir, 'gather_bench_native');
  if (fresh(out, sourcesTime)) return out;
  mkdirSync(outDir, { recursive: true });
  compile(root, 'g++', [...NATIVE_FLAGS, SOURCES[0], '-o', out], process.env);
  return out;
}
