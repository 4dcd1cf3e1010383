/** The example apps' user directory: scrypt with a random salt, constant-time comparison, locking. */
import { describe, expect, it } from 'vitest';
import { createUserStore, hashPassword, verifyPassword } from '../src/users.mjs';

describe('users', () => {
  it('hashes passwords with scrypt and a random salt, and verifies them', async () => {
    const a = await hashPassword('s3cret');
    const b = await hashPassword('s3cret');
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b); // random salt
    expect(await verifyPassword('s3cret', a)).toBe(true);
    expect(await verifyPassword('s3cret!', a)).toBe(false);
    expect(await verifyPassword('s3cret', 'plain$text')).toBe(false);
  }, 30_000);

  it('verifies the demo users, refuses unknown and locked ones', async () => {
    const users = await createUserStore();
    expect((await users.verify('ada', 'correct horse battery staple'))?.id).toBe('u-ada');
    expect(await users.verify('ada', 'wrong')).toBeNull();
    expect(await users.verify('nobody', 'correct horse battery staple')).toBeNull();
    users.lock('ada');
    expect(await users.verify('ada', 'correct horse battery staple')).toBeNull();
    expect(users.find('u-ada')).toBeNull();
    expect(users.find('u-grace')?.roles).toEqual(['user', 'admin']);
  }, 30_000);
});
