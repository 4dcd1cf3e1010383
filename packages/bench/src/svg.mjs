/**
 * docs/benchmarks.svg: a horizontal bar chart of the time ratios of one run. Per case, Tessera's
 * time divided by the best peer's (blue) and by the node:crypto floor's (orange); below 1.0 Tessera
 * is faster. A dashed line marks 1.0; bars past the right edge are cut and labelled.
 */
import { caseRatios, serverRatios } from './ratios.mjs';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Issue 6's targets as time ratios (ours ÷ other): [vs best peer, vs floor]. */
function targetsFor(c) {
  if (c.op === 'cache hit') return [1, undefined];
  if (c.alg === 'JWE') return c.op === 'encrypt' ? [1 / 10, undefined] : c.id.includes('dir') ? [undefined, 1.3] : [1 / 4, 1.10];
  return [1, c.op === 'verify' ? (c.alg === 'HS256' ? 1.15 : 1.05) : undefined];
}

/** Rows: { label, peer, floor, peerName, peerTarget, floorTarget }. */
export function chartRows({ jws = [], jwe = [], cache = [], edge = [], http }) {
  const rows = [];
  for (const c of [...jws, ...jwe, ...cache]) {
    const r = caseRatios(c);
    const [peerTarget, floorTarget] = targetsFor(c);
    if (r) rows.push({ label: c.id.replace('RSA-OAEP + A128CBC-HS256', 'RSA-OAEP/A128CBC').replace('dir + A128CBC-HS256', 'dir/A128CBC'), peer: r.vsBestPeer, floor: r.vsFloor, peerName: r.bestPeer, peerTarget, floorTarget });
  }
  for (const c of edge.filter((c) => c.op === 'verify')) {
    const r = caseRatios(c);
    if (r) rows.push({ label: `Edge ${c.alg} verify (vs jose)`, peer: r.vsBestPeer, floor: undefined, peerName: 'jose', peerTarget: c.alg === 'HS256' ? 1 / 5 : 1 });
  }
  const h = serverRatios(http);
  if (h) {
    // Time per request against the fastest peer (1 / its req/s ratio); the auth cost against the floor's.
    rows.push({ label: 'HTTP HS256 route (time/request; auth cost)', peer: 1 / h.rpsVsBestPeer, floor: h.authCostVsFloor, peerName: h.bestPeer.name, peerTarget: 1, floorTarget: 1.2 });
  }
  return rows;
}

export function renderSvg(results, { title = 'Tessera time ÷ best peer and ÷ raw node:crypto floor (lower is better)' } = {}) {
  const rows = chartRows(results);
  const left = 250;
  const width = 860;
  const plot = width - left - 70;
  const rowH = 30;
  const top = 56;
  const height = top + rows.length * rowH + 50;
  const max = Math.min(3, Math.max(1.5, ...rows.flatMap((r) => [r.peer ?? 0, r.floor ?? 0]).map((v) => v * 1.1)));
  const xAt = (v) => left + (Math.min(v, max) / max) * plot;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="600" fill="#111">${esc(title)}</text>`,
    `<rect x="${left}" y="30" width="12" height="12" fill="#2b6cb0"/><text x="${left + 18}" y="40" fill="#222">ours ÷ best peer</text>`,
    `<rect x="${left + 150}" y="30" width="12" height="12" fill="#dd6b20"/><text x="${left + 168}" y="40" fill="#222">ours ÷ node:crypto floor</text>`,
    `<line x1="${left + 340}" y1="29" x2="${left + 340}" y2="43" stroke="#111" stroke-width="2"/><text x="${left + 347}" y="40" fill="#222">target (issue 6)</text>`,
  ];
  for (let t = 0; t <= max + 1e-9; t += 0.5) {
    const xx = xAt(t);
    out.push(`<line x1="${xx}" y1="${top - 4}" x2="${xx}" y2="${top + rows.length * rowH}" stroke="#e2e8f0"/>`);
    out.push(`<text x="${xx}" y="${top + rows.length * rowH + 16}" text-anchor="middle" fill="#555">${t.toFixed(1)}×</text>`);
  }
  const ticks = [];
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    if (i % 2 === 0) out.push(`<rect x="0" y="${y}" width="${width}" height="${rowH}" fill="#f7fafc"/>`);
    out.push(`<text x="${left - 8}" y="${y + rowH / 2 + 4}" text-anchor="end" fill="#111">${esc(r.label)}</text>`);
    const bars = [['peer', '#2b6cb0', 5], ['floor', '#dd6b20', 16]];
    for (const [k, color, dy] of bars) {
      const v = r[k];
      if (v === undefined || !Number.isFinite(v)) continue;
      const target = r[`${k}Target`];
      if (target !== undefined) ticks.push(`<line x1="${xAt(target).toFixed(1)}" y1="${y + dy - 2}" x2="${xAt(target).toFixed(1)}" y2="${y + dy + 11}" stroke="#111" stroke-width="2"><title>target ${target.toFixed(2)}×</title></line>`);
      const w = Math.max(1, xAt(v) - left);
      out.push(`<rect x="${left}" y="${y + dy}" width="${w.toFixed(1)}" height="9" fill="${color}"><title>${esc(`${r.label}: ${v.toFixed(2)}× ${k === 'peer' ? `(${r.peerName})` : '(floor)'}`)}</title></rect>`);
      const clipped = v > max;
      out.push(`<text x="${left + w + 4}" y="${y + dy + 8}" fill="#333" font-size="10">${v.toFixed(2)}×${clipped ? ' ▶' : ''}</text>`);
    }
  });
  out.push(...ticks);
  out.push(`<line x1="${xAt(1)}" y1="${top - 6}" x2="${xAt(1)}" y2="${top + rows.length * rowH}" stroke="#c53030" stroke-dasharray="4 3" stroke-width="1.5"/>`);
  out.push(`<text x="${xAt(1)}" y="${top + rows.length * rowH + 32}" text-anchor="middle" fill="#c53030">1.0 = same time</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
