export const TIMING_NODE_TYPES = [];
