import { beforeAll, describe, expect, it } from 'vitest';

describe('a suite whose set-up throws', () => {
  beforeAll(() => {
    throw new Error('set-up failed');
  });

  it('never runs', () => {
    expect(true).toBe(true);
  });
});
