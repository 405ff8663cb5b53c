import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SnippetTabs } from '../src/snippets/snippet-tabs.js';
import type { SnippetRequest } from '../src/snippets/snippet-request.js';

const request: SnippetRequest = {
  method: 'GET',
  url: 'http://127.0.0.1:8080/ws/echo',
  headers: [
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['X-Payload', `<img src=x onerror="alert(1)"> it's`],
  ],
  body: '',
};

describe('SnippetTabs', () => {
  it('shows one tab per client, moves with arrow keys, and renders code as text', async () => {
    const user = userEvent.setup();
    render(<SnippetTabs request={request} />);
    const tabs = screen.getAllByRole('tab').map((tab) => tab.textContent);
    expect(tabs).toEqual([
      'curl',
      'websocat',
      'wscat',
      'Browser JS',
      'Node ws',
      'Python websockets',
      'Go',
    ]);
    const code = screen.getByTestId('snippet-code');
    expect(code.textContent).toContain(`-H 'X-Payload: <img src=x onerror="alert(1)"> it'\\''s'`);
    expect(code.querySelector('img')).toBeNull();

    await user.click(screen.getByRole('tab', { name: 'curl' }));
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'websocat' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'websocat' }));
    await user.keyboard('{End}');
    expect(screen.getByTestId('snippet-code').textContent).toContain(
      'github.com/gorilla/websocket',
    );
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'curl' }).getAttribute('aria-selected')).toBe('true');
  });

  it('copies the selected snippet to the clipboard', async () => {
    const user = userEvent.setup();
    render(<SnippetTabs request={request} />);
    await user.click(screen.getByRole('tab', { name: 'wscat' }));
    await user.click(screen.getByRole('button', { name: 'Copy wscat snippet' }));
    expect(await screen.findByRole('button', { name: 'Copy wscat snippet' })).toHaveProperty(
      'textContent',
      'Copied',
    );
    expect(await navigator.clipboard.readText()).toBe(
      screen.getByTestId('snippet-code').textContent,
    );
  });
});
