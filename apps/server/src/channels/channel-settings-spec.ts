import type { z } from 'zod';

/**
 * How the settings screen edits a field. The label is the web text
 * `channels.field.<channel>.<key>`; `mode` and `greeting` are the widget's
 * mode choice and its zh-CN/en greeting.
 */
export type ChannelFieldKind = 'list' | 'text' | 'number' | 'boolean' | 'mode' | 'secret' | 'greeting';

export interface ChannelField<Key extends string = string> {
  readonly key: Key;
  readonly kind: ChannelFieldKind;
}

/** A channel's per-workspace switch and settings, stored under `key` in `channelSettings`. */
export interface ChannelSettingsSpec<Key extends string = string, Schema extends z.ZodObject = z.ZodObject> {
  /** The stored settings document's channel name; never renamed, stored documents use it. */
  readonly key: Key;
  /** Strict, with defaults for every field a new workspace needs. */
  readonly schema: Schema;
  /** Fields kept in the store but never sent to a browser (encrypted at rest). */
  readonly secrets: readonly (keyof z.infer<Schema> & string)[];
  /** On until an admin switches it off; off when it cannot work before it is set up. */
  readonly defaultOn: boolean;
  /** The settings form, in screen order. Fields left out are not shown (generated secrets, markers). */
  readonly fields: readonly ChannelField<keyof z.infer<Schema> & string>[];
  /**
   * Refuses a change that parses but must not be made as it stands (throw a 400
   * AppError naming the field); nothing is stored then.
   */
  checkChange?(change: SettingsChange<z.infer<Schema>>): void;
}

export interface SettingsChange<Settings> {
  readonly before: Settings;
  readonly next: Settings;
  /** The fields the admin sent, as sent (a secret left out keeps its stored value). */
  readonly sent: Readonly<Record<string, unknown>>;
}

/** Checks a settings spec's field names against its schema while keeping its literal types. */
export function channelSettings<const Key extends string, Schema extends z.ZodObject>(
  spec: ChannelSettingsSpec<Key, Schema>,
): ChannelSettingsSpec<Key, Schema> {
  return spec;
}
