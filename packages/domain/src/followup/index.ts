export * from './follow-up-policy.ts';
export * from './follow-up-task.ts';
