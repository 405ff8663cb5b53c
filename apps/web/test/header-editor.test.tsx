import { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { HeaderEditor } from '../src/composer/header-editor.js';
import { fieldsFrom, serializeRequest, type HeaderField } from '../src/composer/request-model.js';

/** The editor with real state, and the wire text it produces, as the composer wires it. */
function Harness({ initial }: { initial: [string, string][] }) {
  const [fields, setFields] = useState<HeaderField[]>(() => fieldsFrom(initial));
  return (
    <>
      <HeaderEditor fields={fields} onChange={setFields} />
      <pre data-testid="wire">
        {serializeRequest({
          method: 'GET',
          target: '/',
          version: 'HTTP/1.1',
          headers: fields,
          body: '',
        })}
      </pre>
    </>
  );
}

const wire = () => screen.getByTestId('wire').textContent;
const head = (...lines: string[]) => ['GET / HTTP/1.1', ...lines].join('\r\n') + '\r\n\r\n';

describe('HeaderEditor', () => {
  it('edits names and values in place', async () => {
    const user = userEvent.setup();
    render(<Harness initial={[['Host', 'a']]} />);
    const value = screen.getByRole('textbox', { name: 'Header 1 value' });
    await user.clear(value);
    await user.type(value, 'example.com');
    expect(wire()).toBe(head('Host: example.com'));
  });

  it('adds a header at the end and focuses its name', async () => {
    const user = userEvent.setup();
    render(<Harness initial={[['Host', 'a']]} />);
    await user.click(screen.getByRole('button', { name: '+ Add header' }));
    const name = screen.getByRole('textbox', { name: 'Header 2 name' });
    expect(document.activeElement).toBe(name);
    await user.type(name, 'X-Test');
    await user.type(screen.getByRole('textbox', { name: 'Header 2 value' }), '1');
    expect(wire()).toBe(head('Host: a', 'X-Test: 1'));
  });

  it('removes, reorders and disables headers, keeping focus on the moved row', async () => {
    const user = userEvent.setup();
    render(
      <Harness
        initial={[
          ['A', '1'],
          ['B', '2'],
          ['C', '3'],
        ]}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Move header 3 up' }));
    expect(wire()).toBe(head('A: 1', 'C: 3', 'B: 2'));
    // Focus follows the row: the same button, now labelled for position 2.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move header 2 up' }));
    await user.keyboard('{Enter}');
    expect(wire()).toBe(head('C: 3', 'A: 1', 'B: 2'));
    // At the top "up" is disabled, so focus falls back to "down" in the same row.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move header 1 down' }));

    await user.click(screen.getByRole('checkbox', { name: 'Send header 2' }));
    expect(wire()).toBe(head('C: 3', 'B: 2'));
    await user.click(screen.getByRole('button', { name: 'Remove header 1' }));
    expect(wire()).toBe(head('B: 2'));
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });

  it('moves the row being edited with Alt+ArrowUp/Down, keeping focus in the same field', async () => {
    const user = userEvent.setup();
    render(
      <Harness
        initial={[
          ['A', '1'],
          ['B', '2'],
          ['C', '3'],
        ]}
      />,
    );
    await user.click(screen.getByRole('textbox', { name: 'Header 3 value' }));
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(wire()).toBe(head('A: 1', 'C: 3', 'B: 2'));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Header 2 value' }));
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(wire()).toBe(head('C: 3', 'A: 1', 'B: 2'));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Header 1 value' }));
    await user.keyboard('x');
    expect(wire()).toBe(head('C: 3x', 'A: 1', 'B: 2'));
  });

  it('edits as raw text, with disabled lines and errors that keep the last valid fields', async () => {
    const user = userEvent.setup();
    render(
      <Harness
        initial={[
          ['Host', 'a'],
          ['X', '1'],
        ]}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Raw text' }));
    const text = screen.getByRole('textbox', { name: 'Header lines' }) as HTMLTextAreaElement;
    expect(text.value).toBe('Host: a\nX: 1');

    await user.clear(text);
    await user.type(text, 'Upgrade: websocket{Enter}#Host: off{Enter}connection:Upgrade');
    expect(wire()).toBe(head('Upgrade: websocket', 'connection: Upgrade'));

    await user.type(text, '{Enter}oops');
    expect(screen.getByRole('alert').textContent).toContain('line 4 has no ":"');
    expect(wire()).toBe(head('Upgrade: websocket', 'connection: Upgrade'));

    await user.click(screen.getByRole('button', { name: 'Table' }));
    const rows = screen.getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expect((within(rows[1]!).getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
  });
});
