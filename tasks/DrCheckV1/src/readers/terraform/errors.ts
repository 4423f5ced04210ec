/** An expression Terraform would reject (a syntax error, a failed function call): `try()` and `can()` fall back on it. */
export class HclError extends Error {}

/** The evaluation budget ran out: not an error `try()` or `can()` fall back on; the expression fails. */
export class BudgetExceeded extends Error {}
