/**
 * Deployment and scope functions: parameters, variables, copyIndex, deployment, environment,
 * resourceGroup, subscription, tenant, managementGroup. Values come from the reader's EvalScope; the
 * context objects get their documented properties completed with Unknowns (see `../context.ts`).
 * `resourceGroup('name')`, `subscription('id')` and `managementGroup('name')` with arguments (the
 * Bicep scope forms) describe that other scope.
 */
import { isUnknown, Unknown, type Value } from '../../../../../../../shared/model/value';
import type { DeploymentContext } from '../api';
import { contextValue } from '../context';
import { fail } from '../errors';
import { asString, typeName } from '../values';
import { eager, type CallContext, type FunctionDef } from './types';

function contextFunction(kind: keyof DeploymentContext): FunctionDef {
  return eager(0, 0, (_args, ctx) => {
    const v = ctx.scope.context[kind];
    if (v === null) fail(`${kind}() is not available at the scope this template is deployed to`);
    return contextValue(kind, v);
  });
}

/** The subscription id the scope knows, or an Unknown naming it. */
function currentSubscriptionId(ctx: CallContext): Value {
  const sub = contextValue('subscription', ctx.scope.context.subscription);
  return sub !== null && typeof sub === 'object' && !Array.isArray(sub) && !isUnknown(sub) ? (sub.subscriptionId ?? null) : sub;
}

export const DEPLOYMENT_FUNCTIONS: Record<string, FunctionDef> = {
  parameters: eager(1, 1, (args, ctx) => {
    const name = asString(args[0], 'the parameter name');
    const v = ctx.scope.parameter(name);
    return v === undefined ? fail(`the parameter '${name}' is not declared in the template`) : v;
  }),
  variables: eager(1, 1, (args, ctx) => {
    const name = asString(args[0], 'the variable name');
    const v = ctx.scope.variable(name);
    return v === undefined ? fail(`the variable '${name}' is not declared in the template`) : v;
  }),
  copyIndex: eager(0, 2, (args, ctx) => {
    let loop: string | undefined;
    let offset = 0;
    if (args.length === 2) {
      loop = asString(args[0], 'the loop name');
      offset = typeof args[1] === 'number' && Number.isInteger(args[1]) ? args[1] : fail(`expects the offset to be an integer, got ${typeName(args[1])}`);
    } else if (args.length === 1) {
      if (typeof args[0] === 'string') loop = args[0];
      else if (typeof args[0] === 'number' && Number.isInteger(args[0])) offset = args[0];
      else fail(`expects a loop name or an integer offset, got ${typeName(args[0])}`);
    }
    const i = ctx.scope.copyIndex(loop);
    return typeof i === 'number' ? i + offset : i;
  }),
  deployment: contextFunction('deployment'),
  environment: contextFunction('environment'),
  tenant: contextFunction('tenant'),
  resourceGroup: eager(
    0,
    2,
    (args, ctx) => {
      if (!args.length) return contextValue('resourceGroup', ctx.scope.context.resourceGroup === null ? fail('resourceGroup() is not available at the scope this template is deployed to') : ctx.scope.context.resourceGroup);
      const name = asString(args[args.length - 1], 'the resource group name');
      const sub = args.length === 2 ? asString(args[0], 'the subscription id') : currentSubscriptionId(ctx);
      const id = typeof sub === 'string' ? `/subscriptions/${sub}/resourceGroups/${name}` : new Unknown(`the id of resource group '${name}' needs the subscription id, which is only known at deployment time`);
      return contextValue('resourceGroup', { name, id });
    },
  ),
  subscription: eager(0, 1, (args, ctx) => {
    if (!args.length) return contextValue('subscription', ctx.scope.context.subscription === null ? fail('subscription() is not available at the scope this template is deployed to') : ctx.scope.context.subscription);
    const id = asString(args[0], 'the subscription id');
    return contextValue('subscription', { subscriptionId: id, id: `/subscriptions/${id}` });
  }),
  managementGroup: eager(0, 1, (args, ctx) => {
    if (!args.length) return contextValue('managementGroup', ctx.scope.context.managementGroup === null ? fail('managementGroup() is not available at the scope this template is deployed to') : ctx.scope.context.managementGroup);
    const name = asString(args[0], 'the management group name');
    return contextValue('managementGroup', { name, id: `/providers/Microsoft.Management/managementGroups/${name}` });
  }),
};
