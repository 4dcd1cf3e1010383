/**
 * Every JoseError the core raises carries a hint (the likely fix). The builders' types require
 * one (lib/errors.ts); this walks the sources of src/ (the auth layer in server/ included)
 * with the TypeScript parser and fails on any construction that could still lack it:
 *
 * - `joseError(code, message, details)` and `new JoseError(code, message, details)`: `details`
 *   must be an object literal (or a `?:` between two) with a `hint` member that is not empty or
 *   `undefined`;
 * - `invalidOption(message, hint)`: `hint` must be given and not be empty or `undefined`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `''`, `""`, a blank template or `undefined`: no hint at all. */
function isEmpty(node: ts.Expression): boolean {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text.trim() === '';
  return ts.isIdentifier(node) && node.text === 'undefined';
}

/** Why `details` does not visibly carry a hint, or undefined when it does. */
function detailsProblem(details: ts.Expression | undefined): string | undefined {
  if (details === undefined) return 'no details (so no hint)';
  if (ts.isParenthesizedExpression(details)) return detailsProblem(details.expression);
  if (ts.isConditionalExpression(details)) return detailsProblem(details.whenTrue) ?? detailsProblem(details.whenFalse);
  if (!ts.isObjectLiteralExpression(details)) return 'details are not an object literal with a hint';
  const hint = details.properties.find((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'hint');
  if (hint === undefined) return 'details have no hint';
  if (ts.isPropertyAssignment(hint) && isEmpty(hint.initializer)) return 'the hint is empty';
  return undefined;
}

interface Site { readonly where: string; readonly builder: string; readonly problem: string | undefined }

function constructions(where: string, text: string): Site[] {
  const source = ts.createSourceFile(where, text, ts.ScriptTarget.Latest, true);
  const sites: Site[] = [];
  const visit = (node: ts.Node): void => {
    const callee = ts.isCallExpression(node) || ts.isNewExpression(node) ? node.expression : undefined;
    if (callee !== undefined && ts.isIdentifier(callee)) {
      const args = (node as ts.CallExpression | ts.NewExpression).arguments ?? ts.factory.createNodeArray();
      const isNew = ts.isNewExpression(node);
      let problem: string | undefined | null = null;
      if ((!isNew && callee.text === 'joseError') || (isNew && callee.text === 'JoseError')) problem = detailsProblem(args[2]);
      else if (!isNew && callee.text === 'invalidOption') problem = args[1] === undefined ? 'no hint argument' : isEmpty(args[1]) ? 'the hint is empty' : undefined;
      if (problem !== null) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        sites.push({ where: `${where}:${line + 1}`, builder: isNew ? 'new JoseError' : callee.text, problem });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

describe('every JoseError raised in src/ (the auth layer included) has a hint', () => {
  const files = sources(SRC);
  const sites = files.flatMap((f) => constructions(`src/${relative(SRC, f).replaceAll('\\', '/')}`, readFileSync(f, 'utf8')));

  it('finds the construction sites (the walk is not vacuous)', () => {
    expect(files.some((f) => f.endsWith(join('lib', 'errors.ts')))).toBe(true);
    expect(files.some((f) => f.includes(`${join('src', 'server')}`))).toBe(true);
    expect(sites.filter((s) => s.builder === 'joseError').length).toBeGreaterThan(100);
    expect(sites.filter((s) => s.builder === 'invalidOption').length).toBeGreaterThan(50);
  });

  it('no construction lacks a hint', () => {
    // The builders themselves pass their caller's details on (lib/errors.ts).
    const missing = sites.filter((s) => s.problem !== undefined && !s.where.startsWith('src/lib/errors.ts:'));
    expect(missing.map((s) => `${s.where} ${s.builder}: ${s.problem}`)).toEqual([]);
  });

  it('the walk itself catches a construction without a hint', () => {
    const probe = [
      "throw joseError('ERR_JWS_INVALID', 'x', { reason: 'y' });",
      "throw invalidOption('x');",
      "throw new JoseError('ERR_JWS_INVALID', 'x', { hint: '' });",
      "throw joseError('ERR_JWS_INVALID', 'x', details);",
      "throw joseError('ERR_JWS_INVALID', 'x', { hint: 'fix it' });",
      "throw invalidOption('x', hint);",
      "throw joseError('ERR_JWS_INVALID', 'x', r ? { hint } : { reason: r });",
    ].join('\n');
    expect(constructions('probe.ts', probe).map((s) => s.problem)).toEqual([
      'details have no hint', 'no hint argument', 'the hint is empty', 'details are not an object literal with a hint', undefined, undefined,
      'details have no hint',
    ]);
  });
});
