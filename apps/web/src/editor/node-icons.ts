import {
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
 * would add hundreds of kilobytes). A test checks every catalog icon is here.
 */
export const NODE_ICONS: Readonly<Record<string, LucideIcon>> = {
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

export function iconFor(name: string | undefined): LucideIcon {
  return (name ? NODE_ICONS[name] : undefined) ?? Workflow;
}
