import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';

/**
 * A top-bar entry. Highlighted by the address as usual, except where the page
 * says which section it belongs to (`highlighted` given: a ticket page opened
 * from the inbox belongs to the inbox, not to Tickets).
 */
export function SectionLink(props: { to: string; highlighted?: boolean | undefined; children: ReactNode }) {
  if (props.highlighted === undefined) return <NavLink to={props.to}>{props.children}</NavLink>;
  return (
    <Link
      to={props.to}
      className={props.highlighted ? 'active' : undefined}
      aria-current={props.highlighted ? 'page' : undefined}
    >
      {props.children}
    </Link>
  );
}
