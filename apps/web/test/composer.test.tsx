import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Composer } from '../src/composer/composer.js';
import type { PresetContext } from '../src/composer/presets.js';

let keys = 0;
const context: PresetContext = {
  host: 'test.local',
  key: (n = 16) => `key${++keys}-${n}`,
};

const rawRequest = () => screen.getByTestId('raw-request');

describe('Composer', () => {
  it('shows the exact request bytes with CR and LF made visible', () => {
    render(<Composer context={context} />);
    const text = rawRequest().textContent ?? '';
    expect(
      text.startsWith(
        'GET /ws/echo HTTP/1.1\\r\\n\nHost: test.local\\r\\n\nUpgrade: websocket\\r\\n',
      ),
    ).toBe(true);
    expect(text.endsWith('Sec-WebSocket-Version: 13\\r\\n\n\\r\\n\n')).toBe(true);
    expect(screen.getByText(/\d+ bytes/).textContent).toMatch(/^\d+ bytes$/);
  });

  it('loads a preset and generates a new key in place', async () => {
    const user = userEvent.setup();
    render(<Composer context={context} />);
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Preset' }),
      'missing-connection',
    );
    await user.click(screen.getByRole('button', { name: 'Load preset' }));
    expect(rawRequest().textContent).not.toContain('Connection:');
    const before = rawRequest().textContent ?? '';
    await user.click(screen.getByRole('button', { name: 'New Sec-WebSocket-Key' }));
    const after = rawRequest().textContent ?? '';
    expect(after).not.toBe(before);
    expect(after).toMatch(/Sec-WebSocket-Key: key\d+-16\\r\\n/);
  });

  it('renders hostile header values as inert text', async () => {
    const user = userEvent.setup();
    const { container } = render(<Composer context={context} />);
    const value = screen.getByRole('textbox', { name: 'Header 1 value' });
    await user.clear(value);
    await user.type(value, '<script>window.pwned=1</script><img src=x onerror=alert(1)>');
    expect(rawRequest().textContent).toContain(
      'Host: <script>window.pwned=1</script><img src=x onerror=alert(1)>',
    );
    expect(container.querySelector('script, img')).toBeNull();
  });

  it('shows invisible characters typed into a value', async () => {
    const user = userEvent.setup();
    render(<Composer context={context} />);
    const value = screen.getByRole('textbox', { name: 'Header 1 value' });
    await user.clear(value);
    await user.type(value, 'a\u200bb');
    expect(rawRequest().textContent).toContain('Host: a<U+200B>b\\r\\n');
  });
});
