import { DEFAULT_LIMITS } from '../../../../shared/config/limits';
import type { Value } from '../../../../shared/model/value';
import { Unknown } from '../../../../shared/model/value';
import type { EvalScope } from '../../../../tasks/DrCheckV1/src/readers/arm/expressions/api';
import { evaluateString } from '../../../../tasks/DrCheckV1/src/readers/arm/expressions';

/** A scope as the ARM reader builds one, with plain maps for parameters and variables. */
export function scope(params: Record<string, Value> = {}, vars: Record<string, Value> = {}, over: Partial<EvalScope> = {}): EvalScope {
  return {
    parameter: (n) => params[n],
    variable: (n) => vars[n],
    copyIndex: () => new Unknown('copyIndex() is only valid inside a copy loop'),
    context: {
      subscription: { subscriptionId: '00000000-0000-0000-0000-000000000000', id: '/subscriptions/00000000-0000-0000-0000-000000000000', tenantId: new Unknown('the tenant is only known at deployment time') },
      resourceGroup: { name: 'rg-data', location: 'westeurope', id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data' },
      deployment: { name: 'main' },
      environment: new Unknown('environment() is only known at deployment time'),
      tenant: new Unknown('tenant() is only known at deployment time'),
      managementGroup: new Unknown('managementGroup() is only known at deployment time'),
    },
    limits: DEFAULT_LIMITS,
    ...over,
  };
}

export const ev = (expr: string, s: EvalScope = scope()) => evaluateString(expr, s);
