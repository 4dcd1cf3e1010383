/** Run a Node child process and read the one JSON line it prints last; bounded by `timeoutMs`. */
import { spawn } from 'node:child_process';

export function runChild(args, { timeoutMs = 300_000, env = {}, log = () => {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child ${args.join(' ')} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => {
      err += d;
      for (const line of String(d).split('\n')) if (line.trim() !== '') log(`  ${line}`);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop();
      if (code !== 0 || last === undefined || last === '') {
        reject(new Error(`child ${args.join(' ')} exited with ${code}: ${err.slice(-2000)}`));
        return;
      }
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`child ${args.join(' ')} printed no JSON result: ${out.slice(-500)}`));
      }
    });
  });
}
