/** The tabs of the editor's right panel, in order; each has an `editor.tab.<id>` label. */
export const SIDE_TABS = ['inspector', 'problems', 'versions', 'testRun'] as const;
export type SideTab = (typeof SIDE_TABS)[number];
