/**
 * Limits that keep a scan bounded on hostile or broken input. Exceeding one gives a clear
 * error naming the file, line and column; the scan goes on with the rest.
 */
export interface Limits {
  /** Largest file read, in bytes. */
  maxFileBytes: number;
  /** Deepest JSON / HCL / Bicep nesting. */
  maxNestingDepth: number;
  /** Deepest nesting of template expressions (function calls inside function calls). */
  maxExpressionDepth: number;
  /** Most instances one copy / count / for_each / for loop may expand to. ARM's own limit is 800. */
  maxLoopInstances: number;
  /** Deepest chain of nested deployments / modules. */
  maxModuleDepth: number;
  /** Most resources in one scan. */
  maxResources: number;
  /** Most files in one scan. */
  maxFiles: number;
  /** Most evaluation steps (expression nodes, plus elements that for expressions, range() and the like produce) one Terraform module run or one Bicep file's run may take. */
  maxEvaluationSteps: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: 32 * 1024 * 1024,
  maxNestingDepth: 256,
  maxExpressionDepth: 64,
  maxLoopInstances: 800,
  maxModuleDepth: 32,
  maxResources: 1_000_000,
  maxFiles: 200_000,
  maxEvaluationSteps: 1_000_000,
});
