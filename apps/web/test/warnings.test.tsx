import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import * as lint from '@switchyard/lint';
import { Composer } from '../src/composer/composer.js';
import type { PresetContext } from '../src/composer/presets.js';
import { Preflight } from '../src/playground/preflight.js';
import { WarningsPanel } from '../src/warnings/warnings-panel.js';

const inRouter = (ui: ReactNode) => render(<MemoryRouter>{ui}</MemoryRouter>);

const context: PresetContext = { host: 'test.local', key: () => 'dGhlIHNhbXBsZSBub25jZQ==' };

describe('WarningsPanel', () => {
  it('shows severity, rule id, the RFC section linked, evidence and fix, errors first', () => {
    const findings = [
      { ruleId: 'made-up/info', severity: 'info' as const, message: 'just so you know' },
      {
        ruleId: 'ws-handshake/connection-missing-upgrade',
        severity: 'error' as const,
        message: 'Connection lacks upgrade',
        evidence: {
          where: 'request',
          actual: '<b>keep-alive</b>',
          expected: 'Connection: Upgrade',
        },
      },
    ];
    const { container } = inRouter(
      <WarningsPanel findings={findings} rules={lint.ruleCatalog()} />,
    );
    const items = screen.getAllByTestId('finding');
    expect(items.map((i) => i.getAttribute('data-rule'))).toEqual([
      'ws-handshake/connection-missing-upgrade',
      'made-up/info',
    ]);
    const first = within(items[0]!);
    expect(first.getByText('error')).toBeTruthy();
    const link = first.getByRole('link', { name: 'RFC 6455 §4.1' });
    expect(link.getAttribute('href')).toBe('https://www.rfc-editor.org/rfc/rfc6455#section-4.1');
    expect(first.getByText('<b>keep-alive</b>')).toBeTruthy();
    expect(first.getByText('Connection: Upgrade')).toBeTruthy();
    expect(items[0]!.textContent).toContain('Fix: ');
    expect(
      first
        .getByRole('link', { name: 'ws-handshake/connection-missing-upgrade' })
        .getAttribute('href'),
    ).toBe('/rules/ws-handshake/connection-missing-upgrade');
    expect(container.querySelector('b')).toBeNull();
    // An unknown rule still shows what it carries, without a link.
    expect(within(items[1]!).queryByRole('link')).toBeNull();
  });

  it('says so when there is nothing to report', () => {
    inRouter(<WarningsPanel findings={[]} rules={[]} empty="All clear." />);
    expect(screen.getByText('All clear.')).toBeTruthy();
  });
});

describe('pre-flight warnings', () => {
  it('lints the composed request as it is typed', async () => {
    const user = userEvent.setup();
    inRouter(
      <Composer
        context={context}
        footer={(request) => <Preflight request={request} lint={lint} />}
      />,
    );
    const panel = () => screen.getByTestId('preflight');
    expect(within(panel()).getByText('No pre-flight findings for this request.')).toBeTruthy();
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Preset' }),
      'missing-connection',
    );
    await user.click(screen.getByRole('button', { name: 'Load preset' }));
    await waitFor(() =>
      expect(
        within(panel())
          .getAllByTestId('finding')
          .map((f) => f.getAttribute('data-rule')),
      ).toContain('ws-handshake/connection-missing-upgrade'),
    );
    expect(within(panel()).getByRole('link', { name: 'RFC 6455 §4.1' })).toBeTruthy();
  });
});
