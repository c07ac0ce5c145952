// @vitest-environment jsdom
// The Preact options page and popup, rendered into jsdom with in-memory storage.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { Options } from '../../extension/src/options/Options.tsx';
import { Popup } from '../../extension/src/popup/Popup.tsx';
import { mergeSettings, readSettings, readUserTenants } from '../../extension/src/settings/settings.ts';
import { memoryArea, translator } from './support.ts';

const DEMO = 'ezaz2281.onmicrosoft.com';
const wait = () => new Promise((r) => setTimeout(r, 10));
let container: HTMLElement;

async function mount(node: preact.ComponentChild) {
  container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    render(node, container);
    await wait();
  });
  // Effects run when act() ends; let their storage reads land and re-render.
  await act(async () => {
    await wait();
  });
}
afterEach(() => {
  render(null, container);
  container.remove();
});

async function submitAdd(values: { tenant: string; label?: string; portalUrl?: string }) {
  const form = container.querySelector('form:not(.tenant)') as HTMLFormElement;
  (form.elements.namedItem('tenant') as HTMLInputElement).value = values.tenant;
  (form.elements.namedItem('label') as HTMLInputElement).value = values.label ?? '';
  (form.elements.namedItem('portalUrl') as HTMLInputElement).value = values.portalUrl ?? '';
  await act(async () => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await wait();
  });
}

describe('options page', () => {
  it('adding “common” shows the parser’s message and stores nothing', async () => {
    const local = memoryArea();
    await mount(<Options local={local} t={translator()} now={() => 1} />);
    await submitAdd({ tenant: 'common' });
    expect(container.querySelector('[role=alert]')!.textContent!.length).toBeGreaterThan(5);
    expect(await readUserTenants(local)).toEqual([]);
  });

  it('adds a tenant with label and portal; it then appears in the list', async () => {
    const local = memoryArea();
    await mount(<Options local={local} t={translator()} now={() => 1} />);
    await submitAdd({ tenant: DEMO, label: 'Ezaz Labs', portalUrl: 'https://portal.example/t/ezaz' });
    expect(container.querySelector('[role=alert]')!.textContent).toBe('');
    expect(container.querySelector('[role=status]')!.textContent).toBe(`Added ${DEMO}.`);
    expect(container.querySelector(`form[data-tenant="${DEMO}"] legend`)!.textContent).toContain('Ezaz Labs');
    expect((await readUserTenants(local))[0]).toMatchObject({ label: 'Ezaz Labs', portalUrl: 'https://portal.example/t/ezaz', source: 'manual' });
  });

  it('an http portal address is refused with a clear message', async () => {
    const local = memoryArea();
    await mount(<Options local={local} t={translator()} now={() => 1} />);
    await submitAdd({ tenant: DEMO, portalUrl: 'http://portal.example' });
    expect(container.querySelector('[role=alert]')!.textContent).toContain('https://');
    expect(await readUserTenants(local)).toEqual([]);
  });

  it('remove takes the tenant out; changing the mode is saved', async () => {
    const local = memoryArea();
    await mount(<Options local={local} t={translator()} now={() => 1} />);
    await submitAdd({ tenant: DEMO });
    const remove = [...container.querySelectorAll(`form[data-tenant="${DEMO}"] button`)].find((b) => b.textContent === 'Remove') as HTMLButtonElement;
    await act(async () => {
      remove.click();
      await wait();
    });
    expect(container.querySelector(`form[data-tenant="${DEMO}"]`)).toBeNull();
    const ask = container.querySelector('input[value=ask]') as HTMLInputElement;
    await act(async () => {
      ask.click();
      await wait();
    });
    expect((await readSettings(local)).mode).toBe('ask');
  });

  it('managed entries and a managed mode show locked', async () => {
    const managed = memoryArea({ mode: 'ask', tenants: [{ tenant: DEMO, label: 'Ezaz (IT)' }] });
    await mount(<Options local={memoryArea()} managed={managed} t={translator()} now={() => 1} />);
    const row = container.querySelector(`form[data-tenant="${DEMO}"] fieldset`) as HTMLFieldSetElement;
    expect(row.disabled).toBe(true);
    expect(row.textContent).toContain('set by your organisation');
    expect((container.querySelector('fieldset') as HTMLFieldSetElement).disabled).toBe(true);
    expect(container.textContent).toContain('Set by your organisation');
  });
});

describe('accessibility', () => {
  it('the options page (with a managed and a personal tenant) has no axe violations', async () => {
    const local = memoryArea({ tenants: [{ tenant: { value: 'fabrikampartners.onmicrosoft.com' }, source: 'tenant-url', addedAt: 1 }] });
    await mount(<Options local={local} managed={memoryArea({ tenants: [{ tenant: DEMO }] })} t={translator()} now={() => 1} />);
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it('the popup has no axe violations', async () => {
    const settings = mergeSettings({ tenants: [{ tenant: { value: DEMO }, source: 'manual', addedAt: 1 }] }, {});
    await mount(<Popup settings={settings} activity={[]} t={translator()} openOptions={() => {}} formatTime={() => ''} />);
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});

describe('popup', () => {
  it('lists known tenants with their My Apps link, the mode and the last action with its reason', async () => {
    const settings = mergeSettings({ mode: 'off', tenants: [{ tenant: { value: DEMO }, label: 'Ezaz Labs', source: 'manual', addedAt: 1 }] }, {});
    await mount(
      <Popup
        settings={settings}
        activity={[{ at: 1, kind: 'declined', reason: 'mode-off' }]}
        t={translator()}
        openOptions={() => {}}
        formatTime={() => 'just now'}
      />,
    );
    const link = container.querySelector('[data-testid=tenants] a') as HTMLAnchorElement;
    expect(link.textContent).toBe('My Apps');
    expect(new URL(link.href).host).toBe('myapps.microsoft.com');
    expect(link.href).toContain(DEMO);
    expect(container.querySelector('[data-testid=mode]')!.textContent).toContain('Do nothing (off)');
    expect(container.querySelector('[data-testid=last-activity]')!.textContent).toBe('Did nothing — guestpass is off · just now');
  });

  it('reasons are given in words, Microsoft error codes by number', async () => {
    const settings = mergeSettings({}, {});
    await mount(
      <Popup
        settings={settings}
        activity={[{ at: 1, kind: 'explained', reason: 'aadsts-50020', tenant: DEMO }]}
        t={translator('de')}
        openOptions={() => {}}
        formatTime={() => 'jetzt'}
      />,
    );
    expect(container.querySelector('[data-testid=last-activity]')!.textContent).toBe('Erklärung angezeigt — Microsoft zeigte Fehler AADSTS50020 · jetzt');
  });

  it('with nothing known it says how to get started', async () => {
    await mount(
      <Popup settings={mergeSettings({}, {})} activity={[]} t={translator()} openOptions={() => {}} formatTime={() => ''} />,
    );
    expect(container.textContent).toContain('No organisation known yet');
    expect(container.querySelector('[data-testid=last-activity]')!.textContent).toBe('Nothing yet.');
  });
});
