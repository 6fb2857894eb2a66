/**
 * What the top bar offers to whom, grouped by what people do there: Work
 * (answer tickets), Insights (judge the service), Build (make and run flows)
 * and Settings. Each entry names the roles whose requests its page can make;
 * the server's policy decides (apps/server/src/auth/roles.ts ROLES, the ticket
 * routers' TICKET_ROLES), this only keeps links to refused pages out of sight.
 *
 * Pure data and functions: the shell renders `navLayout(role)`; the tests and
 * the browser tests read the same table.
 */

/** Mirrors of the server's role groups (roles.ts), named as there. */
const EVERYONE = ['admin', 'editor', 'supervisor', 'agent', 'viewer'] as const;
const TICKET_WORKERS = ['admin', 'supervisor', 'agent'] as const;
const SUPERVISORS = ['admin', 'supervisor'] as const;
const ANALYTICS_READERS = ['admin', 'supervisor', 'editor'] as const;
const SURVEY_READERS = ['admin', 'supervisor', 'editor'] as const;
const FLOW_READERS = ['admin', 'editor', 'viewer'] as const;
const FLOW_EDITORS = ['admin', 'editor'] as const;
/** knowledge.list: editors see drafts too, ticket workers read the published articles. */
const KNOWLEDGE_READERS = ['admin', 'editor', 'supervisor', 'agent'] as const;

export type NavGroupId = 'work' | 'insights' | 'build' | 'settings';

export type NavLabelKey =
  | 'nav.inbox'
  | 'nav.tickets'
  | 'nav.approvals'
  | 'nav.dashboard'
  | 'nav.supervisor'
  | 'nav.surveys'
  | 'nav.flows'
  | 'nav.templates'
  | 'nav.executions'
  | 'nav.knowledge'
  | 'nav.settings';

export type NavGroupLabelKey = 'nav.group.work' | 'nav.group.insights' | 'nav.group.build' | 'nav.settings';

export interface NavEntry {
  /** The section's address; also what identifies the entry. */
  readonly to: string;
  readonly labelKey: NavLabelKey;
  readonly roles: readonly string[];
}

export interface NavGroup {
  readonly id: NavGroupId;
  readonly labelKey: NavGroupLabelKey;
  readonly entries: readonly NavEntry[];
}

export const NAV_GROUPS: readonly NavGroup[] = [
  {
    id: 'work',
    labelKey: 'nav.group.work',
    entries: [
      { to: '/inbox', labelKey: 'nav.inbox', roles: TICKET_WORKERS },
      { to: '/tickets', labelKey: 'nav.tickets', roles: EVERYONE },
      { to: '/approvals', labelKey: 'nav.approvals', roles: TICKET_WORKERS },
    ],
  },
  {
    id: 'insights',
    labelKey: 'nav.group.insights',
    entries: [
      { to: '/dashboard', labelKey: 'nav.dashboard', roles: ANALYTICS_READERS },
      { to: '/supervisor', labelKey: 'nav.supervisor', roles: SUPERVISORS },
      { to: '/surveys', labelKey: 'nav.surveys', roles: SURVEY_READERS },
    ],
  },
  {
    id: 'build',
    labelKey: 'nav.group.build',
    entries: [
      { to: '/flows', labelKey: 'nav.flows', roles: FLOW_READERS },
      { to: '/templates', labelKey: 'nav.templates', roles: FLOW_EDITORS },
      { to: '/executions', labelKey: 'nav.executions', roles: EVERYONE },
      { to: '/knowledge', labelKey: 'nav.knowledge', roles: KNOWLEDGE_READERS },
    ],
  },
  {
    id: 'settings',
    labelKey: 'nav.settings',
    entries: [{ to: '/settings', labelKey: 'nav.settings', roles: EVERYONE }],
  },
];

/**
 * Up to this many entries a role sees every one of them as a link of its own
 * (an agent: Inbox, Tickets, Approvals, Executions, Knowledge, Settings); they
 * fit in one row at 1024 px in English, the longer of the two languages.
 */
export const DIRECT_LIMIT = 6;

/** Where a role spends its day: people who work tickets in Work, everyone else in Build (HomeRedirect agrees). */
export function homeGroup(role: string): NavGroupId {
  return role === 'agent' || role === 'supervisor' ? 'work' : 'build';
}

/** The groups with the entries this role may use; groups left empty are gone. */
export function groupsFor(role: string): NavGroup[] {
  return NAV_GROUPS.map((group) => ({
    ...group,
    entries: group.entries.filter((entry) => entry.roles.includes(role)),
  })).filter((group) => group.entries.length > 0);
}

/** One place in the wide top bar's row: a link, or a button opening a group's links. */
export type NavItem =
  | { readonly kind: 'link'; readonly entry: NavEntry }
  | { readonly kind: 'menu'; readonly group: NavGroup };

/**
 * The wide top bar's row for a role. A role with few entries gets them all as
 * links. Otherwise its home group's entries are links (first: that is where
 * it works), a group with a single entry is a link too (a menu of one hides it
 * for nothing), and every other group is one menu button; Settings stays last.
 */
export function navLayout(role: string): NavItem[] {
  const groups = groupsFor(role);
  const links = (group: NavGroup): NavItem[] => group.entries.map((entry) => ({ kind: 'link', entry }));
  if (groups.reduce((total, group) => total + group.entries.length, 0) <= DIRECT_LIMIT) {
    return groups.flatMap(links);
  }
  const home = groups.filter((group) => group.id === homeGroup(role));
  const rest = groups.filter((group) => group.id !== homeGroup(role));
  return [
    ...home.flatMap(links),
    ...rest.flatMap((group): NavItem[] =>
      group.entries.length === 1 ? links(group) : [{ kind: 'menu', group }],
    ),
  ];
}

/**
 * The entry to highlight: the section a ticket page says it was opened from
 * (`ticketSection`, from desk/ticket-origin.ts), otherwise the entry whose
 * address the page is at or under (`/flows/f-1` belongs to Flows).
 */
export function activeEntry(pathname: string, ticketSection?: string): string | undefined {
  const entries = NAV_GROUPS.flatMap((group) => group.entries.map((entry) => entry.to));
  if (ticketSection !== undefined) return entries.find((to) => to === ticketSection);
  return entries.find((to) => pathname === to || pathname.startsWith(`${to}/`));
}
