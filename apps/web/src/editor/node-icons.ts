import type { NodeIconName } from '@flowdesk/model';
import {
  Activity,
  BellRing,
  Bot,
  CalendarClock,
  CircleStop,
  ClipboardCheck,
  Clock,
  FilePenLine,
  GitBranch,
  Globe,
  Hourglass,
  Inbox,
  type LucideIcon,
  Radio,
  Send,
  Siren,
  Split,
  Star,
  Tags,
  Ticket,
  TicketPlus,
  UserCheck,
  UserSearch,
  Variable,
  Workflow,
} from 'lucide-react';

/**
 * The catalog names Lucide icons; only these are bundled (importing every icon
 * would add hundreds of kilobytes). Typed by the catalog's icon names, so a
 * name added there without its icon here fails to compile.
 */
export const NODE_ICONS: Readonly<Record<NodeIconName, LucideIcon>> = {
  activity: Activity,
  'bell-ring': BellRing,
  bot: Bot,
  'calendar-clock': CalendarClock,
  'circle-stop': CircleStop,
  'clipboard-check': ClipboardCheck,
  clock: Clock,
  'file-pen-line': FilePenLine,
  'git-branch': GitBranch,
  globe: Globe,
  hourglass: Hourglass,
  inbox: Inbox,
  radio: Radio,
  send: Send,
  siren: Siren,
  split: Split,
  star: Star,
  tags: Tags,
  ticket: Ticket,
  'ticket-plus': TicketPlus,
  'user-check': UserCheck,
  'user-search': UserSearch,
  variable: Variable,
};

function isBundled(name: string): name is NodeIconName {
  return Object.hasOwn(NODE_ICONS, name);
}

export function iconFor(name: string | undefined): LucideIcon {
  return name && isBundled(name) ? NODE_ICONS[name] : Workflow;
}
