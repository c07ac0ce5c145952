// @vitest-environment jsdom
// The Preact options page and popup, rendered into jsdom with in-memory storage.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { Options } from '../../extension/src/pages/options/Options.tsx';
import { Popup } from '../../extension/src/pages/popup/Popup.tsx';
import { mergeSettings, readSettings, readUserTenants, type StorageArea } from '../../extension/src/common/settings.ts';
import { createMessageHandler } from '../../extension/src/worker/handle-message.ts';
import { memoryArea, translator } from './support.ts';

const PAGES = 'chrome-extension://guestpass-test/';

/** The options page wired to a real service-worker handler over the same stores (its only way to write). */
function OptionsWith({ local, managed, locale }: { local: StorageArea; managed?: StorageArea; locale?: string }) {
  const worker = createMessageHandler({
    local,
    managed,
    session: memoryArea(),
    now: () => 1,
    openOptions: () => {},
    later: (job) => void job(),
    pagesOrigin: PAGES,
  });
  return <Options local={local} managed={managed} t={translator(locale)} send={(m) => worker.handle(m, { url: `${PAGES}src/pages/options/index.html` }) as never} />;
}

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
    await mount(<OptionsWith local={local} />);
    await submitAdd({ tenant: 'common' });
    expect(container.querySelector('[role=alert]')!.textContent!.length).toBeGreaterThan(5);
    expect(await readUserTenants(local)).toEqual([]);
  });

  it('a refusal is in the page’s language: German for “common” and for an http portal, no English sentence', async () => {
    const local = memoryArea();
    await mount(<OptionsWith local={local} locale="de" />);
    await submitAdd({ tenant: 'common' });
    const alert = () => container.querySelector('[role=alert]')!.textContent!;
    expect(alert()).toBe('„common“ steht für eine beliebige Organisation, nicht für eine bestimmte: Geben Sie die Mandanten-ID oder Domain der Organisation ein.');
    await submitAdd({ tenant: DEMO, portalUrl: 'http://portal.example' });
    expect(alert()).toBe('Die Portal-Adresse muss eine vollständige https://-URL sein.');
    expect(await readUserTenants(local)).toEqual([]);
  });

  it('adds a tenant with label and portal; it then appears in the list', async () => {
    const local = memoryArea();
    await mount(<OptionsWith local={local} />);
    await submitAdd({ tenant: DEMO, label: 'Ezaz Labs', portalUrl: 'https://portal.example/t/ezaz' });
    expect(container.querySelector('[role=alert]')!.textContent).toBe('');
    expect(container.querySelector('[role=status]')!.textContent).toBe(`Added ${DEMO}.`);
    expect(container.querySelector(`form[data-tenant="${DEMO}"] legend`)!.textContent).toContain('Ezaz Labs');
    expect((await readUserTenants(local))[0]).toMatchObject({ label: 'Ezaz Labs', portalUrl: 'https://portal.example/t/ezaz', source: 'manual' });
  });

  it('an http portal address is refused with a clear message', async () => {
    const local = memoryArea();
    await mount(<OptionsWith local={local} />);
    await submitAdd({ tenant: DEMO, portalUrl: 'http://portal.example' });
    expect(container.querySelector('[role=alert]')!.textContent).toContain('https://');
    expect(await readUserTenants(local)).toEqual([]);
  });

  it('remove takes the tenant out; changing the mode is saved', async () => {
    const local = memoryArea();
    await mount(<OptionsWith local={local} />);
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
    await mount(<OptionsWith local={memoryArea()} managed={managed} />);
    const row = container.querySelector(`form[data-tenant="${DEMO}"] fieldset`) as HTMLFieldSetElement;
    expect(row.disabled).toBe(true);
    expect(row.textContent).toContain('set by your organisation');
    expect((container.querySelector('fieldset') as HTMLFieldSetElement).disabled).toBe(true);
    expect(container.textContent).toContain('Set by your organisation');
  });
});

describe('options page: where each tenant came from', () => {
  it('shows each source; a candidate (seen only in a link) is trusted with one click, or removed', async () => {
    const local = memoryArea({
      tenants: [
        { tenant: { value: DEMO }, source: 'redemption-link', addedAt: 1 },
        { tenant: { value: 'fabrikampartners.onmicrosoft.com' }, source: 'signed-in', addedAt: 1 },
      ],
    });
    await mount(<OptionsWith local={local} managed={memoryArea()} />);
    const row = () => container.querySelector(`form[data-tenant="${DEMO}"]`) as HTMLFormElement;
    expect(row().querySelector('[data-testid=source]')!.textContent).toContain('seen in an invitation link');
    expect(row().textContent).toContain('not used automatically until you trust it');
    expect(container.querySelector('form[data-tenant="fabrikampartners.onmicrosoft.com"] [data-testid=source]')!.textContent).toContain('you signed in there');
    const trust = [...row().querySelectorAll('button')].find((b) => b.textContent === 'Trust') as HTMLButtonElement;
    await act(async () => {
      trust.click();
      await wait();
    });
    expect(row().dataset.trusted).toBe('true');
    expect((await readUserTenants(local)).find((t) => t.tenant.value === DEMO)!.source).toBe('confirmed');
  });

  it('shows at once, with the last policy seen, while the policy store has not answered', async () => {
    const local = memoryArea({ mode: 'automatic', policyCache: { mode: 'off' } });
    const never = { get: () => new Promise<Record<string, unknown>>(() => {}) };
    await mount(<OptionsWith local={local} managed={never} />);
    expect(container.textContent).toContain('Waiting for your organisation');
    expect((container.querySelector('input[value=off]') as HTMLInputElement).checked).toBe(true);
    expect((container.querySelector('fieldset') as HTMLFieldSetElement).disabled).toBe(true);
  });
});

describe('accessibility', () => {
  it('the options page (with a managed and a personal tenant) has no axe violations', async () => {
    const local = memoryArea({ tenants: [{ tenant: { value: 'fabrikampartners.onmicrosoft.com' }, source: 'tenant-url', addedAt: 1 }] });
    await mount(<OptionsWith local={local} managed={memoryArea({ tenants: [{ tenant: DEMO }] })} />);
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
  it('says where each tenant came from and lets the guest remove one', async () => {
    const sent: unknown[] = [];
    const settings = mergeSettings({ tenants: [{ tenant: { value: DEMO }, source: 'tenant-url', addedAt: 1 }] }, { tenants: [{ tenant: 'fabrikampartners.onmicrosoft.com' }] });
    await mount(
      <Popup settings={settings} activity={[]} t={translator()} openOptions={() => {}} send={async (m) => void sent.push(m)} formatTime={() => ''} />,
    );
    expect(container.querySelector(`li[data-tenant="${DEMO}"] [data-testid=source]`)!.textContent).toBe('(seen in a sign-in address)');
    expect(container.querySelector('li[data-tenant="fabrikampartners.onmicrosoft.com"] button')).toBeNull(); // managed: locked
    await act(async () => {
      (container.querySelector(`li[data-tenant="${DEMO}"] button`) as HTMLButtonElement).click();
      await wait();
    });
    expect(sent).toEqual([{ type: 'remove-tenant', value: DEMO }]);
  });

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
