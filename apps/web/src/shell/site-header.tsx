import { Link, NavLink, useLocation } from 'react-router';
import { ThemeToggle } from './theme-toggle.js';

/** `section` (a path prefix) makes a link active on every page under it, not only on `to`. */
const sections: { to: string; label: string; end: boolean; section?: string }[] = [
  { to: '/', label: 'Playground', end: true },
  { to: '/status', label: 'Status codes', end: false },
  { to: '/rules', label: 'Rules', end: false },
  { to: '/lab/101', label: 'Lab', end: false, section: '/lab/' },
  { to: '/history', label: 'History', end: false },
];

const linkBase = 'rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap';
const linkIdle = 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800';
// White on teal-700 is about 5.4:1 in both themes; teal-600 was 3.7:1, under WCAG 2.2 AA's 4.5:1.
const linkActive = 'bg-teal-700 text-white';

/** The top bar: name, the sections, and the theme toggle. Wraps on phone widths. */
export function SiteHeader() {
  const { pathname } = useLocation();
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link
          to="/"
          className="text-lg font-semibold tracking-tight text-teal-800 dark:text-teal-300"
        >
          Switchyard
        </Link>
        <nav aria-label="Main" className="order-3 w-full overflow-x-auto sm:order-none sm:w-auto">
          <ul className="flex flex-wrap gap-1">
            {sections.map((section) => (
              <li key={section.to}>
                <NavLink
                  to={section.to}
                  end={section.end}
                  className={({ isActive }) => {
                    const active =
                      isActive ||
                      (section.section !== undefined && pathname.startsWith(section.section));
                    return `${linkBase} ${active ? linkActive : linkIdle}`;
                  }}
                >
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto">
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
