import { expect, it } from 'vitest';

it.only('is focused', () => {
  expect(1).toBe(1);
});

it('would be dropped silently', () => {
  expect(1).toBe(1);
});
