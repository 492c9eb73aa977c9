import { afterEach, describe, expect, it } from 'vitest';
import { readOnlyWhenSettled, showsOffUnhindered, switchQuietMs, switchSampleMs, switchSettleDeadlineMs } from '../../src/content/engine/settled-read';

// Driven with explicit times: the reader is a pure function of what the switch shows and when it is looked at.

function checkbox(attributes = 'aria-checked="true" checked', around: (input: string) => string = (input) => input): HTMLInputElement {
  document.body.innerHTML = around(`<input type="checkbox" role="switch" ${attributes}>`);
  return document.querySelector('input') as HTMLInputElement;
}

/** Looks at the switch every `everyMs` from `from` up to and including `until`; the last reading. */
function lookEvery(reader: ReturnType<typeof readOnlyWhenSettled>, control: HTMLElement, from: number, until: number, everyMs = switchSampleMs) {
  let reading = reader.look(control, 'label-key', from);
  for (let at = from + everyMs; at <= until; at += everyMs) reading = reader.look(control, 'label-key', at);
  return reading;
}

/** The member's value arrived before the first look: the quiet period alone decides. */
const arrivedAtStart = (): number => 0;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('readOnlyWhenSettled', () => {
  it('reads a settled switch only after it has looked the same for the quiet period', () => {
    const reader = readOnlyWhenSettled(arrivedAtStart);
    const control = checkbox();
    expect(reader.look(control, 'label-key', 0)).toEqual({ kind: 'wait', recheckAt: switchSampleMs, because: 'kept changing' });
    expect(reader.look(control, 'label-key', switchQuietMs - switchSampleMs)).toEqual({ kind: 'wait', recheckAt: switchQuietMs, because: 'kept changing' });
    expect(reader.look(control, 'label-key', switchQuietMs)).toEqual({ kind: 'read', state: 'on' });
    expect(reader.waiting()).toBeNull();
  });

  it('starts the quiet period again on any change: position, element or hook', () => {
    const reader = readOnlyWhenSettled(arrivedAtStart);
    const control = checkbox();
    reader.look(control, 'label-key', 0);
    control.checked = false;
    control.setAttribute('aria-checked', 'false');
    reader.look(control, 'label-key', 300);
    expect(reader.look(control, 'label-key', 300 + switchQuietMs - 1)).toMatchObject({ kind: 'wait' });
    reader.look(control, 'label-text', 900);
    expect(reader.look(control, 'label-text', 900 + switchQuietMs - 1)).toMatchObject({ kind: 'wait' });
    const replacement = checkbox('aria-checked="false"');
    reader.look(replacement, 'label-text', 1500);
    expect(reader.look(replacement, 'label-text', 1500 + switchQuietMs - 1)).toMatchObject({ kind: 'wait' });
    expect(reader.look(replacement, 'label-text', 1500 + switchQuietMs)).toEqual({ kind: 'read', state: 'off' });
  });

  it('samples a quiet switch: a `checked` flapping by script, with no DOM change, is never read', () => {
    const reader = readOnlyWhenSettled(arrivedAtStart);
    document.body.innerHTML = '<input type="checkbox">';
    const control = document.querySelector('input') as HTMLInputElement;
    // Flips every 125 ms, a divisor of the quiet period: looks a whole quiet period apart would always agree.
    for (let at = 0; at < switchSettleDeadlineMs; ) {
      const reading = reader.look(control, 'label-key', at);
      expect(reading.kind).toBe('wait');
      const next = reading.kind === 'wait' ? reading.recheckAt : switchSettleDeadlineMs;
      expect(next - at).toBeLessThanOrEqual(switchSampleMs);
      if (Math.floor(next / 125) !== Math.floor(at / 125)) control.checked = !control.checked;
      at = next;
    }
    expect(reader.look(control, 'label-key', switchSettleDeadlineMs)).toMatchObject({ kind: 'unreadable' });
  });

  it('an input or change event on the switch restarts the quiet period, even when it shows the same position again', () => {
    for (const type of ['input', 'change']) {
      const reader = readOnlyWhenSettled(arrivedAtStart);
      const control = checkbox();
      reader.look(control, 'label-key', 0);
      control.dispatchEvent(new Event(type, { bubbles: true }));
      reader.look(control, 'label-key', 400);
      expect(reader.look(control, 'label-key', switchQuietMs)).toMatchObject({ kind: 'wait' });
      expect(reader.look(control, 'label-key', 400 + switchQuietMs)).toEqual({ kind: 'read', state: 'on' });
    }
  });

  it.each([
    ['disabled', 'aria-checked="false" disabled', /disabled/],
    ['aria-disabled', 'aria-checked="false" aria-disabled="true"', /aria-disabled/],
    ['disagreeing', 'aria-checked="true"', /disagree/],
    ['in a disabled fieldset', 'aria-checked="false"', /disabled fieldset/, (input: string) => `<fieldset disabled><legend>Data</legend>${input}</fieldset>`],
    ['in an aria-disabled group', 'aria-checked="false"', /aria-disabled/, (input: string) => `<div role="group" aria-disabled="true">${input}</div>`],
  ])('%s: never read, and unreadable at the settle deadline', (_case, attributes, reason, around?: (input: string) => string) => {
    const reader = readOnlyWhenSettled(arrivedAtStart);
    const control = checkbox(attributes, around);
    for (const at of [0, switchQuietMs, 5 * switchQuietMs]) expect(reader.look(control, 'label-key', at).kind).toBe('wait');
    expect(reader.waiting()).toMatch(reason);
    const end = reader.look(control, 'label-key', switchSettleDeadlineMs);
    expect(end).toMatchObject({ kind: 'unreadable' });
    expect(end.kind === 'unreadable' && end.diagnostic).toMatch(reason);
  });

  it('an indeterminate checkbox (a property only) is not read, and is once the page settles it', () => {
    const reader = readOnlyWhenSettled(arrivedAtStart);
    const control = checkbox('aria-checked="false"');
    control.indeterminate = true;
    expect(lookEvery(reader, control, 0, 2 * switchQuietMs)).toMatchObject({ kind: 'wait', because: 'indeterminate' });
    control.indeterminate = false;
    expect(lookEvery(reader, control, 2 * switchQuietMs + 1, 3 * switchQuietMs)).toMatchObject({ kind: 'wait' });
    expect(lookEvery(reader, control, 3 * switchQuietMs + 1, 5 * switchQuietMs)).toEqual({ kind: 'read', state: 'off' });
  });

  it('a switch inside an aria-busy region or off the page is not read', () => {
    document.body.innerHTML = '<section aria-busy="true"><input type="checkbox" aria-checked="false"></section>';
    const busy = document.querySelector('input') as HTMLInputElement;
    const reader = readOnlyWhenSettled(arrivedAtStart);
    reader.look(busy, 'label-key', 0);
    expect(reader.look(busy, 'label-key', switchQuietMs)).toMatchObject({ kind: 'wait', because: 'in an aria-busy region' });
    const detached = document.createElement('input');
    detached.type = 'checkbox';
    expect(readOnlyWhenSettled(arrivedAtStart).look(detached, 'label-key', 0)).toMatchObject({ kind: 'wait', because: 'detached' });
  });

  it('reads an ARIA switch by aria-checked', () => {
    document.body.innerHTML = '<button role="switch" aria-checked="false"></button>';
    const button = document.querySelector('button') as HTMLElement;
    const reader = readOnlyWhenSettled(arrivedAtStart);
    reader.look(button, 'label-key', 0);
    expect(reader.look(button, 'label-key', switchQuietMs)).toEqual({ kind: 'read', state: 'off' });
  });
});

describe('readOnlyWhenSettled: evidence that the value arrived', () => {
  it('never reads a quiet, enabled switch without evidence: it waits, then gives up as unreadable', () => {
    const reader = readOnlyWhenSettled(() => null);
    const control = checkbox('aria-checked="false"');
    expect(lookEvery(reader, control, 0, switchSettleDeadlineMs - switchSampleMs)).toMatchObject({ kind: 'wait', because: 'no sign its value arrived' });
    expect(reader.look(control, 'label-key', switchSettleDeadlineMs)).toEqual({ kind: 'unreadable', diagnostic: 'never settled: no sign its value arrived' });
  });

  it('a default drawn before the value arrives: the quiet period counts from the evidence, not from the drawing', () => {
    let arrivedAt: number | null = null;
    const reader = readOnlyWhenSettled(() => arrivedAt);
    const control = checkbox('aria-checked="false"');
    expect(lookEvery(reader, control, 0, 2000)).toMatchObject({ kind: 'wait', because: 'no sign its value arrived' });
    arrivedAt = 2000;
    expect(lookEvery(reader, control, 2000 + switchSampleMs, 2000 + switchQuietMs - 1)).toMatchObject({ kind: 'wait', because: 'kept changing' });
    expect(reader.look(control, 'label-key', 2000 + switchQuietMs)).toEqual({ kind: 'read', state: 'off' });
  });

  it('the value drawn after its evidence: the quiet period counts from the drawing', () => {
    const reader = readOnlyWhenSettled(() => 100);
    const control = checkbox('aria-checked="false"');
    reader.look(control, 'label-key', 120);
    control.checked = true;
    control.setAttribute('aria-checked', 'true');
    expect(reader.look(control, 'label-key', 130)).toMatchObject({ kind: 'wait', recheckAt: 130 + switchSampleMs });
    expect(lookEvery(reader, control, 130 + switchSampleMs, 130 + switchQuietMs - 1)).toMatchObject({ kind: 'wait' });
    expect(reader.look(control, 'label-key', 130 + switchQuietMs)).toEqual({ kind: 'read', state: 'on' });
  });
});

describe('showsOffUnhindered: after a click, what may be passed on to the fresh load without its quiet period', () => {
  it('a checkbox or ARIA switch showing off, enabled and agreeing', () => {
    expect(showsOffUnhindered(checkbox('aria-checked="false"'))).toBe(true);
    document.body.innerHTML = '<button role="switch" aria-checked="false"></button>';
    expect(showsOffUnhindered(document.querySelector('button') as HTMLElement)).toBe(true);
  });

  it.each([
    ['showing on', 'aria-checked="true" checked'],
    ['disabled', 'aria-checked="false" disabled'],
    ['aria-disabled', 'aria-checked="false" aria-disabled="true"'],
    ['disagreeing', 'aria-checked="true"'],
  ])('not a switch %s', (_case, attributes) => {
    expect(showsOffUnhindered(checkbox(attributes))).toBe(false);
  });

  it('not one in an aria-busy region, a disabled fieldset, indeterminate, or off the page', () => {
    expect(showsOffUnhindered(checkbox('aria-checked="false"', (input) => `<section aria-busy="true">${input}</section>`))).toBe(false);
    expect(showsOffUnhindered(checkbox('aria-checked="false"', (input) => `<fieldset disabled>${input}</fieldset>`))).toBe(false);
    const indeterminate = checkbox('aria-checked="false"');
    indeterminate.indeterminate = true;
    expect(showsOffUnhindered(indeterminate)).toBe(false);
    const detached = document.createElement('input');
    detached.type = 'checkbox';
    expect(showsOffUnhindered(detached)).toBe(false);
  });
});
