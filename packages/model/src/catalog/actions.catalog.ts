export const ACTION_NODE_TYPES = [];
