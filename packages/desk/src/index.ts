export * from './activities/activity.types.ts';
