/**
 * Writing a private key to disk: mode 0600 from the first byte (the file is created with it, so
 * it is never readable by others, not even briefly), an existing file kept unless `force` (then
 * replaced atomically by a rename, so a crash leaves the old key or the new one, never half).
 */
import { chmod, open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, basename } from 'node:path';
import { CliError, inputError } from './cli-error.js';
import { EXIT } from './exit-codes.js';

/**
 * Write `content` to `path` with mode 0600.
 *
 * @example
 * ```ts
 * await writePrivateFile('signing.jwk', JSON.stringify(jwk), { force: false });
 * ```
 * @throws CliError exit 3 when `path` exists and `force` is not set, or it cannot be written.
 */
export async function writePrivateFile(path: string, content: string, options: { force: boolean }): Promise<void> {
  const target = options.force ? join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`) : path;
  let handle;
  try {
    handle = await open(target, 'wx', 0o600);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EEXIST' && !options.force) {
      throw new CliError('ERR_CLI_OUTPUT_EXISTS', `${path} exists; it is not overwritten`, 'pass --force to replace it (the old key is then gone), or choose another --out', EXIT.input);
    }
    throw inputError(`cannot create ${path}${code === undefined ? '' : ` (${code})`}`, 'check that the directory exists and that you may write to it');
  }
  try {
    // The umask can only remove bits; chmod makes it exactly 0600 whatever it was.
    await chmod(target, 0o600);
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(target, { force: true });
    throw err;
  }
  await handle.close();
  if (target !== path) await rename(target, path);
}
