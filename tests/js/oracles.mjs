// The reference programs some tests compare against: Debian's python3, with numpy or
// gensim, and Debian's fasttext command line. Where one is missing its tests skip with the reason; with CI set they fail
// instead, so a reduced run can never pass for a full one. scripts/setup.sh installs
// every oracle listed here.
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

// Debian's interpreter, not a pyenv or venv one on PATH that may lack the modules.
export const PYTHON = '/usr/bin/python3';

// name -> [command, args that succeed only when it works, Debian package]
const ORACLES = {
  python3: [PYTHON, ['-c', 'import json, struct'], 'python3'],
  numpy: [PYTHON, ['-c', 'import numpy'], 'python3-numpy'],
  gensim: [PYTHON, ['-c', 'import gensim'], 'python3-gensim'],
  // fastText's command line exits 1 on every bare command, so its presence is the probe.
  fasttext: ['/bin/sh', ['-c', 'command -v fasttext'], 'fasttext'],
};

/** True when CI is set to anything but '', '0' or 'false' (as CI services set it). */
export const inCI = !/^(|0|false)$/i.test(process.env.CI ?? '');

const probed = new Map();

/** Why `name` cannot run here (naming the Debian package to install), or null if it can. */
export function oracleMissing(name) {
  if (!Object.hasOwn(ORACLES, name)) throw new RangeError(`oracles: unknown oracle '${name}' (${Object.keys(ORACLES).join(', ')})`);
  if (!probed.has(name)) {
    const [command, args, debianPackage] = ORACLES[name];
    const r = spawnSync(command, args, { encoding: 'utf8' });
    const detail = r.error?.message ?? r.stderr?.trim().split('\n').pop() ?? '';
    probed.set(name, r.status === 0 ? null
      : `${name} is not available (${detail || `${command} exited with ${r.status}`}): apt-get install ${debianPackage} (scripts/setup.sh does)`);
  }
  return probed.get(name);
}

/**
 * test() for a test that needs the named oracles: it runs when they are all present;
 * otherwise it is skipped with the reason, or, with CI set, fails with it.
 */
export function oracleTest(name, oracles, fn) {
  const missing = oracles.map(oracleMissing).filter(Boolean);
  if (missing.length === 0) return test(name, fn);
  const reason = missing.join('; ');
  if (!inCI) return test(name, { skip: reason }, fn);
  return test(name, () => {
    throw new Error(`${reason}. CI is set, so a missing reference fails the run instead of skipping.`);
  });
}
