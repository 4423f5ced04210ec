import type { CatalogEntry } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { getPath, isUnknown } from '../../model/value';
import { unknownAt } from '../rules/common';
import { planLevel } from '../rules/app-service-plan';

const isFunctionApp = (r: NormalisedResource) => {
  const kind = getPath(r.body, 'kind');
  return typeof kind === 'string' && kind.toLowerCase().includes('functionapp');
};

/**
 * Azure Functions: the article's example of a stateless component; the plan decides zone redundancy. A plan may serve
 * web apps too (the article does not name App Service: those are judged as uncatalogued sites, on their plan).
 */
const functions: CatalogEntry = {
  id: 'functions',
  displayName: 'Azure Functions',
  section: 'stateful-vs-stateless-examples',
  armTypes: ['Microsoft.Web/sites', 'Microsoft.Web/serverfarms'],
  terraformTypes: ['azurerm_linux_function_app', 'azurerm_windows_function_app', 'azurerm_function_app_flex_consumption', 'azurerm_service_plan'],
  stateful: false,
  responsibility: { component: 'Microsoft', workload: 'Customer (not stated in the article)' },
  contosoSku: 'Not stated in the article',
  uplift: [
    { title: 'Redeploy from source control with at least a smoke test; for faster recovery run the app in a second region', url: 'https://learn.microsoft.com/azure/reliability/reliability-functions', reaches: 'geo' },
    { title: 'Use a zone-redundant Flex Consumption, Premium or Dedicated plan', url: 'https://learn.microsoft.com/azure/reliability/reliability-functions#availability-zone-support', reaches: 'zone' },
  ],
  caveats: ['Stateless: redeployed from source control. Its host storage account is judged on its own.', 'The Consumption (Y1) plan does not support availability zones.'],
  secondaryRegionDeployment: true,
  resourceName: (r) => (r.type.toLowerCase() === 'microsoft.web/serverfarms' ? 'App Service plan' : undefined),
  rule: {
    appliesTo: ['Microsoft.Web/sites', 'Microsoft.Web/serverfarms'],
    match: (r) => r.type.toLowerCase() === 'microsoft.web/serverfarms' || isFunctionApp(r),
    evaluate(resource, ctx) {
      if (resource.type.toLowerCase() === 'microsoft.web/serverfarms') return planLevel(resource);
      const planRef = getPath(resource.body, 'properties.serverFarmId');
      const plan = ctx.resolve(planRef, 'Microsoft.Web/serverfarms');
      if (!plan) {
        if (planRef === undefined) return { redundancy: 'none', reason: 'no plan (serverFarmId) is set: a Consumption plan, which has no availability zone support' };
        return isUnknown(planRef) ? unknownAt('properties.serverFarmId', planRef) : { redundancy: 'unknown', reason: `its plan is not in the scan (${String(planRef)})` };
      }
      return planLevel(plan);
    },
  },
};

export default functions;
