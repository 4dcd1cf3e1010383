/**
 * `node --cpu-prof` of createVerifier (HS256 and ES256): self time per function, grouped by where
 * the code lives, for the "where the time goes" section.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './child.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

function where(url) {
  if (url === '') return 'V8 / native';
  if (url.includes('tessera-bench-dist') || url.includes('/.cache/dist/')) return 'Tessera';
  if (url.startsWith('node:')) return 'Node internals';
  return 'bench harness';
}

/** Self time per function and per origin, in % of all samples. */
export function summarizeProfile(profile) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const total = profile.samples.length;
  const fns = new Map();
  const origins = new Map();
  for (const [id, count] of hits) {
    const { functionName, url, lineNumber } = byNode.get(id).callFrame;
    const name = `${functionName || '(anonymous)'} ${url ? `${basename(url)}:${lineNumber + 1}` : ''}`.trim();
    fns.set(name, (fns.get(name) ?? 0) + count);
    const o = functionName === '(garbage collector)' ? 'GC' : functionName === '(idle)' || functionName === '(program)' ? 'idle / program' : where(url);
    origins.set(o, (origins.get(o) ?? 0) + count);
  }
  const pct = (c) => (100 * c) / total;
  return {
    total,
    top: [...fns].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([name, c]) => ({ name, pct: pct(c) })),
    origins: [...origins].sort((a, b) => b[1] - a[1]).map(([name, c]) => ({ name, pct: pct(c) })),
  };
}

export async function runProfiles({ urls, algs = ['HS256', 'ES256'], seconds = 3, log }) {
  const out = [];
  for (const alg of algs) {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-prof-'));
    try {
      const r = await runChild(['--cpu-prof', `--cpu-prof-dir=${dir}`, here('./profile-child.mjs'), urls.core, alg, String(seconds)], { log });
      const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      out.push({ alg, verifications: r.verifications, ...summarizeProfile(JSON.parse(readFileSync(join(dir, file), 'utf8'))) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

export function renderProfiles(profiles) {
  return profiles.map((p) => [
    `### Profile: createVerifier, ${p.alg} (${p.verifications.toLocaleString('en-US')} verifications, ${p.total.toLocaleString('en-US')} samples)`,
    '',
    `Self time by origin: ${p.origins.map((o) => `${o.name} ${o.pct.toFixed(1)}%`).join(', ')}.`,
    '',
    '| function (self time) | % |',
    '|---|---:|',
    ...p.top.map((t) => `| \`${t.name.replace(/\|/g, '\\|')}\` | ${t.pct.toFixed(1)} |`),
  ].join('\n')).join('\n\n');
}
