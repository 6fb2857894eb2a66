/** `datetime-local` values are local times; the API wants ISO instants. */
export function localTimeToIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export interface TimeRange {
  readonly from: string;
  readonly to: string;
}

/** The "from" and "until" inputs of a list filter, as local date-times. */
export function TimeRangeFields({
  labels,
  value,
  onChange,
}: {
  labels: { from: string; to: string };
  value: TimeRange;
  onChange: (change: Partial<TimeRange>) => void;
}) {
  return (
    <>
      <label>
        {labels.from}
        <input
          type="datetime-local"
          value={value.from}
          onChange={(event) => onChange({ from: event.target.value })}
        />
      </label>
      <label>
        {labels.to}
        <input
          type="datetime-local"
          value={value.to}
          onChange={(event) => onChange({ to: event.target.value })}
        />
      </label>
    </>
  );
}
