// The gather rows of the browser section (browser/chromium.mjs), per case: the native
// memcpy-per-row gather (native.cpp, -O3: the baseline of the same run), our raw kernel
// (native.cpp built for the web, gather_bench_web) and every contender of
// page_contenders.mjs, each in a fresh page. Prints one JSON line per (case, contender).
import path from 'node:path';

import { GATHER_CASES } from '../common/data.mjs';
import { ROOT, programPath, runProgram } from '../common/programs.mjs';
import { CONTENDERS } from './page_contenders.mjs';

export const IDS = ['native-memcpy-rows', 'kernel', ...Object.keys(CONTENDERS)];

// The peers' browser builds, served under /vendor/<name>/ (browser/chromium.mjs), and the
// ones each page contender needs: a missing one gives a `missing` record.
export const VENDOR = {
  tfjs: ['@tensorflow/tfjs/dist', 'npm install -D @tensorflow/tfjs'],
  'tfjs-backend-wasm': ['@tensorflow/tfjs-backend-wasm/dist', 'npm install -D @tensorflow/tfjs-backend-wasm'],
  ort: ['onnxruntime-web/dist', 'npm install -D onnxruntime-web'],
};
function vendorOf(contender) {
  if (contender.startsWith('tfjs-wasm')) return ['tfjs', 'tfjs-backend-wasm'];
  if (contender.startsWith('tfjs-')) return ['tfjs'];
  if (contender.startsWith('ort-')) return ['ort'];
  return [];
}

async function nativeRows(caseName, { V, D }, o) {
  const what = 'memcpy per row (the wasmsimd kernel\'s algorithm), native g++ -O3';
  const base = { bench: 'gather', case: caseName, contender: 'native-memcpy-rows', what, env: 'native' };
  try {
    const lines = await runProgram('native', 'gather_bench', ['memcpy_rows', `--V=${V}`, `--D=${D}`, `--warmup=${o.warmup}`, `--reps=${o.reps}`]);
    const runtime = `native (${path.relative(ROOT, programPath('native', 'gather_bench'))})`;
    return lines.map((l) => ({ ...base, runtime, ...l, env: 'native' }));
  } catch (error) {
    return [{ ...base, runtime: 'native', ok: false, error: error.message }];
  }
}

/**
 * page: {run(task, timeoutMs), runtime, log, errorText}; o: {cases, contenders (ids to run,
 * empty: all), native, warmup, reps, vendorPresent(name) -> whether /vendor/<name>/ has its files}.
 */
export async function gatherInBrowser(page, o) {
  const want = (id) => (id !== 'native-memcpy-rows' || o.native) && (!o.contenders.length || o.contenders.includes(id));
  const emit = (record) => console.log(JSON.stringify(record));
  const perCall = (o.warmup + o.reps) * 10_000;  // TF.js cpu: ~1 s a call; generous
  for (const caseName of o.cases) {
    const gc = GATHER_CASES[caseName];
    if (want('native-memcpy-rows')) {
      page.log(`${caseName}: native-memcpy-rows`);
      for (const r of await nativeRows(caseName, gc, o)) emit(r);
    }
    if (want('kernel')) {
      page.log(`${caseName}: kernel (gather/native.cpp, em++ for the web)`);
      const base = { bench: 'gather', case: caseName, contender: 'kernel', what: 'tests/bench/gather/native.cpp built with em++ -sENVIRONMENT=web', env: 'chromium', runtime: page.runtime };
      try {
        const task = { V: gc.V, D: gc.D, warmup: o.warmup, reps: o.reps };
        const r = await page.run({ module: '/gather/page.mjs', fn: 'runKernel', task }, 120_000 + perCall);
        const records = r.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
        if (!records.length) throw new Error(`main() returned ${r.code} and printed no record: ${r.errors.join(' | ')}`);
        // The program's own lines, with the case and where they ran added.
        for (const rec of records) emit({ case: caseName, contender: `kernel-${rec.variant}`, ...rec, env: 'chromium', runtime: page.runtime });
        if (r.code !== 0) emit({ ...base, ok: false, error: `main() returned ${r.code}: ${r.errors.join(' | ')}` });
      } catch (error) {
        emit({ ...base, ok: false, error: page.errorText(error) });
      }
    }
    for (const [id, c] of Object.entries(CONTENDERS)) {
      if (!want(id)) continue;
      page.log(`${caseName}: ${id}`);
      const base = { bench: 'gather', case: caseName, contender: id, what: c.what, env: 'chromium' };
      const absent = vendorOf(id).filter((name) => !o.vendorPresent(name));
      if (absent.length) {
        emit({ ...base, runtime: page.runtime, missing: absent.map((name) => `node_modules/${VENDOR[name][0]} (${VENDOR[name][1]})`).join(', ') });
        continue;
      }
      try {
        const task = { caseName, contender: id, warmup: o.warmup, reps: o.reps };
        const record = await page.run({ module: '/gather/page.mjs', task }, 120_000 + perCall);
        emit({ ...record, env: 'chromium', runtime: record.runtime ? `${page.runtime}, ${record.runtime}` : page.runtime });
        page.log(`  ${record.ok ? `median ${record.median_ms.toFixed(1)} ms` : `failed: ${record.error}`}`);
      } catch (error) {
        emit({ ...base, runtime: page.runtime, ok: false, error: page.errorText(error) });
        page.log(`  failed: ${page.errorText(error)}`);
      }
    }
  }
}
