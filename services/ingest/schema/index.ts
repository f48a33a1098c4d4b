export * from './transaction.ts';
export * from './reference.ts';
export { formatIssues, type FieldProblem } from './problems.ts';
