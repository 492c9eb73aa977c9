import { expect, it } from 'vitest';
import { value } from './throws-on-import';

it('never runs', () => {
  expect(value).toBe(1);
});
