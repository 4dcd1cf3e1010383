/**
 * `tessera doctor --url <origin>`: probe a running deployment from outside, for the failures that
 * only show up in production, and print each finding as cause and fix. Most checks need nothing
 * from the server but its public routes; whether Authorization and the cookies arrive and whether
 * the server sees HTTPS are asked of the auth layer's diagnostic endpoint, and skipped when it is
 * off.
 */
import { readFile } from 'node:fs/promises';
import { corsFinding } from '../doctor/cors.js';
import { clockFinding } from '../doctor/clock.js';
import { authCookiesFinding, cookieAttributeFindings } from '../doctor/cookies.js';
import { askDiagnostics, diagnosticFindings } from '../doctor/diagnostics.js';
import { observeSetCookies } from '../doctor/set-cookie.js';
import { headerSizeFinding } from '../doctor/headers.js';
import { instanceKeysFinding, jwksFindings } from '../doctor/jwks.js';
import { probe, type Send } from '../doctor/probe.js';
import type { DoctorFinding } from '../doctor/types.js';
import { parse, stringOption } from '../lib/args.js';
import { readEnvSecret } from '../lib/secret.js';
import { CliError, inputError, usageError } from '../lib/cli-error.js';
import { EXIT, exitCodeHelp } from '../lib/exit-codes.js';
import type { Io } from '../lib/io.js';
import { json, style } from '../lib/style.js';

export const DOCTOR_HELP = `Usage: tessera doctor --url <origin> [--origin <front end>] [--jwks-path <path>] [--base-path <path>]
                      [--requests <n>] [--max-header <bytes>] [--ca <file>]
                      [--diagnostics-secret env:NAME] [--cookie env:NAME] [--json]

Probe a running deployment and print each finding as cause and fix:
  clock          the server's clock against this machine's (beyond 5s: tokens refused), to the
                 millisecond from the diagnostic endpoint, else from the Date header (1s)
  jwks           the published JWKS, and its Cache-Control (rotation timing depends on it)
  instance-keys  the key ids served to repeated requests on new connections: instances
                 behind a load balancer holding different keys
  header-size    the largest request header that gets through (probing upward until a 431,
                 400, 413 or 494, or a dropped connection)
  cors           the preflight of POST <base-path>/refresh from --origin, when given
  cookie-attributes
                 each auth cookie's attributes as the browser receives them (the Set-Cookie
                 lines of POST <base-path>/logout sent without credentials: it revokes nothing)
                 and, with the endpoint, as the server sets them: a proxy that strips or
                 rewrites Set-Cookie, and what a browser refuses or what leaks the session
Through the auth layer's diagnostic endpoint (createAuth's diagnostics option; skipped when it
is off):
  authorization-arrives  a probe Authorization header reaches the server (or a proxy strips it)
  cookies-arrive         a probe cookie reaches the server
  https-view             the server sees an https request as https (a trust-proxy mistake)
  auth-cookies           which session cookies given with --cookie arrive, and their sizes

  --url <origin>       the deployment, e.g. https://api.example.com
  --origin <origin>    a front end on another origin whose CORS preflight is checked
  --jwks-path <path>   default /.well-known/jwks.json
  --base-path <path>   the auth routes, default /auth
  --requests <n>       JWKS requests for instance-keys, default 8
  --max-header <n>     the largest header probed, in bytes, default 32768
  --ca <file>          a PEM CA certificate to trust for https (a private or self-signed certificate)
  --diagnostics-secret env:NAME
                       the diagnostic endpoint's shared secret, from the environment (never on
                       the command line)
  --cookie env:NAME    a signed-in browser's Cookie header, from the environment, sent to the
                       diagnostic endpoint to see which auth cookies arrive (values never printed)
  --json               { ok, url, findings: [{ check, status, message, hint? }] }
  -h, --help

Exit codes:
${exitCodeHelp([EXIT.ok, EXIT.usage, EXIT.unavailable, EXIT.problems])}
`;

const OPTIONS = {
  url: { type: 'string' },
  origin: { type: 'string' },
  'jwks-path': { type: 'string' },
  'base-path': { type: 'string' },
  requests: { type: 'string' },
  'max-header': { type: 'string' },
  'diagnostics-secret': { type: 'string' },
  ca: { type: 'string' },
  cookie: { type: 'string' },
} as const;

/** Longest Cookie header taken from --cookie, and most cookies: what the auth layer reads of one. */
const MAX_COOKIE = 32_000;
const MAX_PAIRS = 199;

/** The Cookie header named by `--cookie env:NAME` and the cookie names in it. */
function sessionCookies(ref: string | undefined, io: Io): { header: string; names: string[] } | undefined {
  if (ref === undefined) return undefined;
  const header = readEnvSecret(ref, io, '--cookie', 'SESSION_COOKIES').trim().replace(/^cookie:\s*/i, '');
  if (header.length > MAX_COOKIE || /[\r\n]/.test(header)) throw usageError(`--cookie: the Cookie header must be one line of at most ${MAX_COOKIE} characters (the auth layer reads the first 32768 of a request)`, 'copy the value of the Cookie request header from the browser\'s developer tools; a longer one is itself the problem (the auth layer answers 431)');
  const names = header.split(';').map((p) => p.slice(0, p.indexOf('=')).trim()).filter((n) => n !== '');
  if (names.length > MAX_PAIRS) throw usageError(`--cookie: the Cookie header holds ${names.length} cookies; with the probe cookie that is more than the 200 the auth layer reads of a request`, 'a browser sending that many cookies to this site is the problem: the session cookies past the 200th are not read (the auth layer answers 431); clear unrelated cookies or move them to another host');
  if (names.length === 0) throw usageError('--cookie: the variable holds no name=value pair', 'copy the value of the Cookie request header, e.g. __Host-tessera-at=...; __Secure-tessera-rt=...');
  return { header, names };
}

function positiveInt(values: Record<string, unknown>, name: string, fallback: number, max: number): number {
  const text = stringOption(values as never, name, 'doctor');
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw usageError(`--${name} must be a whole number from 1 to ${max}; got ${JSON.stringify(text)}`, `e.g. --${name} ${fallback}`);
  return n;
}

/**
 * Run `tessera doctor`.
 *
 * @example
 * ```ts
 * const code = await doctor(['--url', 'https://api.example.com', '--json'], io);
 * ```
 */
export async function doctor(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse('doctor', argv, OPTIONS);
  if (values.help === true) { io.stdout(DOCTOR_HELP); return EXIT.ok; }
  if (positionals.length > 0) throw usageError(`tessera doctor takes no arguments; got ${JSON.stringify(positionals[0]!.slice(0, 40))}`, 'name the deployment with --url');
  const urlText = stringOption(values, 'url', 'doctor');
  if (urlText === undefined) throw usageError('tessera doctor: --url is required', 'e.g. tessera doctor --url https://api.example.com');
  let origin: URL;
  try {
    origin = new URL(urlText);
  } catch {
    throw usageError('--url is not an absolute URL', 'e.g. https://api.example.com');
  }
  if (origin.protocol !== 'https:' && origin.protocol !== 'http:') throw usageError(`--url must be http:// or https://; got ${origin.protocol}`, 'e.g. https://api.example.com');
  const frontEnd = stringOption(values, 'origin', 'doctor');
  const jwksUrl = new URL(stringOption(values, 'jwks-path', 'doctor') ?? '/.well-known/jwks.json', origin);
  const basePath = stringOption(values, 'base-path', 'doctor') ?? '/auth';
  const requests = positiveInt(values, 'requests', 8, 100);
  const maxHeader = positiveInt(values, 'max-header', 32_768, 1_048_576);
  const secretRef = stringOption(values, 'diagnostics-secret', 'doctor');
  const secret = secretRef === undefined ? undefined : readEnvSecret(secretRef, io, '--diagnostics-secret');
  const session = sessionCookies(stringOption(values, 'cookie', 'doctor'), io);

  const caFile = stringOption(values, 'ca', 'doctor');
  let ca: string | undefined;
  if (caFile !== undefined) {
    try {
      ca = await readFile(caFile, 'utf8');
    } catch (err) {
      throw inputError(`cannot read the CA file ${caFile}${(err as { code?: string }).code === undefined ? '' : ` (${(err as { code: string }).code})`}`, 'pass the PEM certificate (or CA) the deployment\'s TLS certificate chains to');
    }
  }
  const send: Send = (url, o = {}) => probe(url, { ...o, ...(ca === undefined ? {} : { ca }) });
  const first = await send(jwksUrl);
  if (first.error !== undefined) {
    throw new CliError('ERR_CLI_UNREACHABLE', `cannot reach ${jwksUrl.origin} (${first.error})`, 'check the URL, that the deployment is up, and that this machine may reach it', EXIT.unavailable);
  }
  const more = [first];
  for (let i = 1; i < requests; i++) more.push(await send(jwksUrl));
  // After the JWKS round, so a round-robin balancer spreads those requests evenly.
  const asked = await askDiagnostics(origin, basePath, secret, session?.header, send);
  const findings: DoctorFinding[] = [clockFinding(first, asked), ...jwksFindings(first, jwksUrl), instanceKeysFinding(more)];
  findings.push(await headerSizeFinding(jwksUrl, maxHeader, send));
  findings.push(await corsFinding(origin, basePath, frontEnd, send));
  const observed = await observeSetCookies(origin, basePath, send);
  findings.push(...diagnosticFindings(asked, origin), authCookiesFinding(asked, session?.names), ...cookieAttributeFindings(asked, origin, observed));

  const problems = findings.filter((f) => f.status === 'problem').length;
  if (values.json === true) {
    io.stdout(json({ ok: problems === 0, url: origin.origin, findings }));
  } else {
    const s = style(io.color);
    const mark = { ok: s.green('ok      '), warning: s.yellow('warning '), problem: s.red('problem '), skipped: s.dim('skipped ') };
    const lines = findings.map((f) => `${mark[f.status]}${s.bold(f.check)}: ${f.message}${f.hint === undefined ? '' : `\n        fix: ${f.hint}`}`);
    lines.push(problems === 0 ? s.green(`${origin.origin}: no problem found`) : s.red(`${origin.origin}: ${problems} problem${problems === 1 ? '' : 's'} found`));
    io.stdout(`${lines.join('\n')}\n`);
  }
  return problems === 0 ? EXIT.ok : EXIT.problems;
}
