import { PanelLeftClose, PanelLeftOpen, PanelRightClose, PanelRightOpen } from 'lucide-react';
import type { ReactNode } from 'react';

/**
 * A side of the editor that folds away to a narrow rail with one button, so
 * the canvas can have the room; folded, its content stays mounted (a test
 * run in progress, a search typed in the palette) but is hidden.
 */
export function CollapsiblePanel(props: {
  side: 'left' | 'right';
  id: string;
  open: boolean;
  onToggle: () => void;
  showLabel: string;
  hideLabel: string;
  children: ReactNode;
}) {
  const { side, open } = props;
  const Icon =
    side === 'left' ? (open ? PanelLeftClose : PanelLeftOpen) : open ? PanelRightClose : PanelRightOpen;
  const label = open ? props.hideLabel : props.showLabel;
  return (
    <div className={`panel-frame panel-${side} ${open ? 'open' : 'closed'}`}>
      <button
        type="button"
        className="icon-button panel-toggle"
        aria-expanded={open}
        aria-controls={props.id}
        aria-label={label}
        title={label}
        onClick={props.onToggle}
      >
        <Icon size={16} aria-hidden="true" />
      </button>
      <div id={props.id} className="panel-content" hidden={!open}>
        {props.children}
      </div>
    </div>
  );
}
