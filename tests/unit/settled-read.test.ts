import { afterEach, describe, expect, it } from 'vitest';
import { readOnlyWhenSettled, switchQuietMs, switchSettleDeadlineMs } from '../../src/content/engine/settled-read';

// Driven with explicit times: the reader is a pure function of what the switch shows and when it is looked at.

function checkbox(attributes = 'aria-checked="true" checked'): HTMLInputElement {
  document.body.innerHTML = `<input type="checkbox" role="switch" ${attributes}>`;
  return document.querySelector('input') as HTMLInputElement;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('readOnlyWhenSettled', () => {
  it('reads a settled switch only after it has looked the same for the quiet period', () => {
    const reader = readOnlyWhenSettled();
    const control = checkbox();
    expect(reader.look(control, 'label-key', 0)).toEqual({ kind: 'wait', recheckAt: switchQuietMs, because: 'it kept changing' });
    expect(reader.look(control, 'label-key', switchQuietMs)).toEqual({ kind: 'read', state: 'on' });
    expect(reader.waiting()).toBeNull();
  });

  it('starts the quiet period again on any change: position, element or hook', () => {
    const reader = readOnlyWhenSettled();
    const control = checkbox();
    reader.look(control, 'label-key', 0);
    control.checked = false;
    control.setAttribute('aria-checked', 'false');
    expect(reader.look(control, 'label-key', 300)).toMatchObject({ kind: 'wait', recheckAt: 300 + switchQuietMs });
    expect(reader.look(control, 'label-text', 400)).toMatchObject({ kind: 'wait', recheckAt: 400 + switchQuietMs });
    const replacement = checkbox('aria-checked="false"');
    expect(reader.look(replacement, 'label-text', 500)).toMatchObject({ kind: 'wait', recheckAt: 500 + switchQuietMs });
    expect(reader.look(replacement, 'label-text', 500 + switchQuietMs)).toEqual({ kind: 'read', state: 'off' });
  });

  it.each([
    ['disabled', 'aria-checked="false" disabled', /disabled/],
    ['aria-disabled', 'aria-checked="false" aria-disabled="true"', /aria-disabled/],
    ['disagreeing', 'aria-checked="true"', /disagree/],
  ])('%s: never read, and unreadable at the settle deadline', (_case, attributes, reason) => {
    const reader = readOnlyWhenSettled();
    const control = checkbox(attributes);
    for (const at of [0, switchQuietMs, 5 * switchQuietMs]) expect(reader.look(control, 'label-key', at).kind).toBe('wait');
    expect(reader.waiting()).toMatch(reason);
    const end = reader.look(control, 'label-key', switchSettleDeadlineMs);
    expect(end).toMatchObject({ kind: 'unreadable' });
    expect(end.kind === 'unreadable' && end.diagnostic).toMatch(reason);
  });

  it('a switch inside an aria-busy region or off the page is not read', () => {
    document.body.innerHTML = '<section aria-busy="true"><input type="checkbox" aria-checked="false"></section>';
    const busy = document.querySelector('input') as HTMLInputElement;
    const reader = readOnlyWhenSettled();
    reader.look(busy, 'label-key', 0);
    expect(reader.look(busy, 'label-key', switchQuietMs)).toMatchObject({ kind: 'wait', because: 'it is inside an aria-busy region' });
    const detached = document.createElement('input');
    detached.type = 'checkbox';
    expect(readOnlyWhenSettled().look(detached, 'label-key', 0)).toMatchObject({ kind: 'wait', because: 'it left the page' });
  });

  it('reads an ARIA switch by aria-checked', () => {
    document.body.innerHTML = '<button role="switch" aria-checked="false"></button>';
    const button = document.querySelector('button') as HTMLElement;
    const reader = readOnlyWhenSettled();
    reader.look(button, 'label-key', 0);
    expect(reader.look(button, 'label-key', switchQuietMs)).toEqual({ kind: 'read', state: 'off' });
  });
});
