import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { SiteHeader } from '../src/shell/site-header.js';

function renderAt(path: string) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <SiteHeader />
    </MemoryRouter>,
  );
  return (name: string) => screen.getByRole('link', { name }).className;
}

describe('SiteHeader', () => {
  it('marks Lab active on every lab page, not only /lab/101', () => {
    const classOf = renderAt('/lab/echo-paths');
    expect(classOf('Lab')).toContain('bg-teal-700');
    expect(classOf('Playground')).not.toContain('bg-teal-700');
  });

  it('marks only the section the page is in', () => {
    const classOf = renderAt('/status/101');
    expect(classOf('Status codes')).toContain('bg-teal-700');
    expect(classOf('Lab')).not.toContain('bg-teal-700');
  });
});
