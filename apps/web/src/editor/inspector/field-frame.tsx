import type { ReactNode } from 'react';

/** A help paragraph under a control; `id` lets the control point at it with `aria-describedby`. */
function FieldHelp(props: { id: string | undefined; children: ReactNode }) {
  return (
    <p id={props.id} className="help">
      {props.children}
    </p>
  );
}

/**
 * The frame of one control: its label, the control, then its help. Without `controlId`
 * no label is drawn (the control labels itself); a checkbox gets its label after the box.
 */
export function FieldFrame(props: {
  controlId?: string;
  label?: string;
  required?: boolean | undefined;
  help?: ReactNode;
  helpId?: string | undefined;
  checkbox?: boolean;
  children: ReactNode;
}) {
  const label =
    props.controlId !== undefined ? (
      <label htmlFor={props.controlId}>
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
    ) : null;
  return (
    <div className={props.checkbox ? 'form-group checkbox-row' : 'form-group'}>
      {props.checkbox ? null : label}
      {props.children}
      {props.checkbox ? label : null}
      {props.help ? <FieldHelp id={props.helpId}>{props.help}</FieldHelp> : null}
    </div>
  );
}

/** The frame of a group of controls (an object's properties, a list's items): a fieldset with legend and help. */
export function FieldGroupFrame(props: {
  legend: string;
  help?: ReactNode;
  helpId?: string | undefined;
  /** The group's place in the node, so a problem about the whole group can be focused. */
  dataField: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className={props.className ?? 'form-group'} data-field={props.dataField}>
      <legend>{props.legend}</legend>
      {props.help ? <FieldHelp id={props.helpId}>{props.help}</FieldHelp> : null}
      {props.children}
    </fieldset>
  );
}
