import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword, PASSWORD_MIN_LENGTH } from '../../bot/staff/password.js';

describe('staff passwords (scrypt)', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash, so the same password never gives the same hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password 1'), hashPassword('same password 1')]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
  });

  it('never matches a malformed or foreign stored hash', async () => {
    for (const stored of ['', 'plain-text', 'scrypt$x$8$1$AAAA$BBBB', 'bcrypt$2b$10$abc', 'scrypt$32768$8$1$$']) {
      expect(await verifyPassword('anything-at-all', stored), stored).toBe(false);
    }
  });

  it(`refuses passwords shorter than ${PASSWORD_MIN_LENGTH} characters (counted as characters, not bytes)`, () => {
    expect(passwordProblem('short')).toBe('too-short');
    expect(passwordProblem('枣庄市人社局口令')).toBe('too-short');
    expect(passwordProblem('枣庄市人社局工作人员口令')).toBeUndefined();
    expect(passwordProblem('x'.repeat(201))).toBe('too-long');
  });
});
