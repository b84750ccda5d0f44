// Types of bin/v8-budget.js (plain JavaScript: bin/sitrep.js runs it before the bundle or tsx).
export const INTERRUPT_BUDGET: number;
export function budgetOf(asked: string | undefined): number;
export function applyBudget(): void;
