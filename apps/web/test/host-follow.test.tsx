import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Composer } from '../src/composer/composer.js';
import { authorityOf } from '../src/composer/host-follow.js';
import type { PresetContext } from '../src/composer/presets.js';
import { routes } from '../src/routes.js';

const context: PresetContext = { host: 'test.local', key: (n = 16) => `key-${n}` };
const raw = () => screen.getAllByTestId('raw-request')[0]?.textContent ?? '';
/** The Host lines of the request bytes as shown (CR LF made visible as `\r\n`). */
const hostLines = () => raw().match(/^host: .*?(?=\\r\\n)/gim) ?? [];

describe('authorityOf (RFC 9110 §7.2)', () => {
  it.each([
    ['http://localhost:8080', 'localhost:8080'],
    ['https://example.test:8443/x?y', 'example.test:8443'],
    ['https://example.test:443', 'example.test'],
    ['http://example.test:80', 'example.test'],
    ['wss://example.test:443/ws', 'example.test'],
    ['ws://example.test:80', 'example.test'],
    ['https://example.test:80', 'example.test:80'],
    ['http://[::1]:8080', '[::1]:8080'],
    ['http://user:pw@example.test', 'example.test'],
  ])('%s → %s', (server, host) => {
    expect(authorityOf(server)).toBe(host);
  });

  it.each(['', 'http://', 'localhost:8080', 'ftp://example.test', 'example.test'])(
    'no authority yet for %j',
    (server) => {
      expect(authorityOf(server)).toBeUndefined();
    },
  );
});

describe('Composer: Host follows the Server field', () => {
  it('rewrites an unedited Host, with the port only when it is not the default', () => {
    const view = render(<Composer context={context} server="http://test.local" />);
    expect(hostLines()).toEqual(['Host: test.local']);
    view.rerender(<Composer context={context} server="https://example.test:8443" />);
    expect(hostLines()).toEqual(['Host: example.test:8443']);
    view.rerender(<Composer context={context} server="wss://example.test:443" />);
    expect(hostLines()).toEqual(['Host: example.test']);
    // Half-typed text is no URL yet: Host keeps the last one, then follows again.
    view.rerender(<Composer context={context} server="http://" />);
    expect(hostLines()).toEqual(['Host: example.test']);
    view.rerender(<Composer context={context} server="http://127.0.0.1:9000" />);
    expect(hostLines()).toEqual(['Host: 127.0.0.1:9000']);
    // Its place in the header order is kept.
    expect(raw()).toMatch(/^GET \/ws\/echo HTTP\/1\.1\\r\\n\nHost: 127\.0\.0\.1:9000\\r\\n/);
  });

  it('leaves a Host edited by hand as it is', async () => {
    const user = userEvent.setup();
    const view = render(<Composer context={context} server="http://test.local" />);
    const value = screen.getByRole('textbox', { name: 'Header 1 value' });
    await user.clear(value);
    await user.type(value, 'elsewhere.test');
    view.rerender(<Composer context={context} server="https://example.test:8443" />);
    expect(hostLines()).toEqual(['Host: elsewhere.test']);
  });

  it('builds a preset with the current server authority', async () => {
    const user = userEvent.setup();
    const view = render(<Composer context={context} server="http://test.local" />);
    view.rerender(<Composer context={context} server="http://example.test:81" />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Preset' }), 'h2c');
    await user.click(screen.getByRole('button', { name: 'Load preset' }));
    expect(hostLines()).toEqual(['Host: example.test:81']);
  });
});

describe('playground: the Server field drives Host', () => {
  const renderPlayground = () =>
    render(<RouterProvider router={createMemoryRouter(routes, { initialEntries: ['/'] })} />);

  it('follows the Server field as it is typed', async () => {
    const user = userEvent.setup();
    renderPlayground();
    const server = await screen.findByRole('textbox', { name: 'Server' });
    expect(hostLines()).toEqual([`Host: ${new URL((server as HTMLInputElement).value).host}`]);
    await user.clear(server);
    await user.type(server, 'https://example.test:8443');
    expect(hostLines()).toEqual(['Host: example.test:8443']);
    await user.clear(server);
    await user.type(server, 'https://example.test');
    expect(hostLines()).toEqual(['Host: example.test']);
  });

  it('keeps hand-made Host lines and the pre-flight warning about them', async () => {
    const user = userEvent.setup();
    renderPlayground();
    const server = await screen.findByRole('textbox', { name: 'Server' });
    const first = hostLines()[0] ?? '';
    await user.click(screen.getByRole('button', { name: '+ Add header' }));
    const rows = screen.getAllByRole('textbox', { name: /^Header \d+ name$/ });
    const n = rows.length;
    await user.type(screen.getByRole('textbox', { name: `Header ${n} name` }), 'Host');
    await user.type(screen.getByRole('textbox', { name: `Header ${n} value` }), 'other.test');
    const warned = () =>
      screen.getByTestId('preflight').querySelector('[data-rule="message/multiple-host"]');
    await waitFor(() => expect(warned()).not.toBeNull());
    await user.clear(server);
    await user.type(server, 'https://example.test:8443');
    expect(hostLines()).toEqual([first, 'Host: other.test']);
    expect(warned()).not.toBeNull();
  });
});
