/**
 * Ids of what a template installs, derived from the template id and the item's
 * key, so applying a template again finds what it installed before instead of
 * creating copies. Teams keep their own id: the template's flows name them.
 */
export const templateItemIds = {
  flow: (templateId: string, key: string) => `tpl-${templateId}-${key}`,
  /** Flows write this id in `templateId`, so it is the plain `<template>-<key>`. */
  messageTemplate: (templateId: string, key: string) => `${templateId}-${key}`,
  article: (templateId: string, key: string) => `tpl-${templateId}-${key}`,
  slaPolicy: (templateId: string, key: string) => `tpl-${templateId}-${key}`,
  agent: (templateId: string, key: string) => `tpl-${templateId}-${key}`,
} as const;
