import { useEffect } from 'react';

/** Sets document.title for the page ("<title> · Switchyard"). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Switchyard` : 'Switchyard';
  }, [title]);
}
