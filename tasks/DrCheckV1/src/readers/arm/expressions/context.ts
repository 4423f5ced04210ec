/**
 * The objects `resourceGroup()`, `subscription()`, `deployment()`, `environment()`, `tenant()` and
 * `managementGroup()` return. Readers supply what they know (DeploymentContext); every documented
 * property they leave out becomes an Unknown naming it, so `deployment().properties.templateLink.uri`
 * is "only known at deployment time" rather than a missing-property error. Also the public-cloud
 * `environment()` values, for readers configured for AzureCloud.
 */
import { isObject, setProp, Unknown, type Value } from '../../../../../../shared/model/value';
import type { DeploymentContext } from './api';
import { findKey, type Obj } from './values';

/** Documented shape: property → nested shape, or a constant every deployment has, or null (a leaf). */
type Shape = { [key: string]: Shape | null | { constant: Value } };

const SHAPES: Record<keyof DeploymentContext, Shape> = {
  resourceGroup: { id: null, name: null, type: { constant: 'Microsoft.Resources/resourceGroups' }, location: null, managedBy: null, tags: null, properties: { provisioningState: null } },
  subscription: { id: null, subscriptionId: null, tenantId: null, displayName: null },
  deployment: {
    name: null,
    location: null,
    properties: { templateLink: { uri: null, id: null }, template: { $schema: null, contentVersion: null }, templateHash: null, parameters: null, mode: null, provisioningState: null },
  },
  environment: {
    name: null,
    gallery: null,
    graph: null,
    portal: null,
    graphAudience: null,
    activeDirectoryDataLake: null,
    batch: null,
    media: null,
    sqlManagement: null,
    vmImageAliasDoc: null,
    resourceManager: null,
    authentication: { loginEndpoint: null, audiences: null, tenant: null, identityProvider: null },
    suffixes: { acrLoginServer: null, azureDatalakeAnalyticsCatalogAndJob: null, azureDatalakeStoreFileSystem: null, azureFrontDoorEndpointSuffix: null, keyvaultDns: null, sqlServerHostname: null, storage: null },
  },
  tenant: { tenantId: null, countryCode: null, displayName: null },
  managementGroup: { id: null, name: null, type: { constant: 'Microsoft.Management/managementGroups' }, properties: { tenantId: null, displayName: null, details: { parent: { id: null, name: null, displayName: null } } } },
};

function isConstant(s: Shape | null | { constant: Value }): s is { constant: Value } {
  return s !== null && Object.hasOwn(s, 'constant');
}

function fill(value: Obj, shape: Shape, path: string): Obj {
  let out: Obj | undefined;
  for (const key of Object.keys(shape)) {
    const sub = shape[key];
    const existing = findKey(value, key);
    let v: Value | undefined = existing === undefined ? undefined : value[existing];
    if (v === undefined) {
      if (isConstant(sub)) v = sub.constant;
      else if (sub === null) v = new Unknown(`${path}.${key} is only known at deployment time`);
      else v = fill({}, sub, `${path}.${key}`);
    }
    else if (sub !== null && !isConstant(sub) && isObject(v)) v = fill(v, sub, `${path}.${key}`);
    else continue;
    out ??= { ...value };
    setProp(out, existing ?? key, v);
  }
  return out ?? value;
}

const filled = new WeakMap<object, Value>();

/** The value a context function returns: the reader's value with the documented properties completed. */
export function contextValue(kind: keyof DeploymentContext, value: Value | undefined): Value {
  const name = `${kind}()`;
  if (value === undefined) return new Unknown(`${name} is only known at deployment time`);
  if (!isObject(value)) return value;
  let out = filled.get(value);
  if (out === undefined) {
    out = fill(value, SHAPES[kind], name);
    filled.set(value, out);
  }
  return out;
}

const sovereignEnvironments = new Map<string, Readonly<Obj>>();

/**
 * What `environment()` returns in a cloud (the public cloud when none is configured): the public cloud's documented
 * values, or a sovereign cloud's name with every other property unknown (completed as such by `contextValue`). One
 * object per cloud, so `contextValue` completes it once.
 */
export function environmentOf(cloud = 'AzureCloud'): Readonly<Obj> {
  if (cloud === 'AzureCloud') return AZURE_CLOUD_ENVIRONMENT;
  let env = sovereignEnvironments.get(cloud);
  if (!env) sovereignEnvironments.set(cloud, (env = Object.freeze({ name: cloud })));
  return env;
}

/** `environment()` in the Azure public cloud, as the docs list it. Readers use it when configured for AzureCloud. */
export const AZURE_CLOUD_ENVIRONMENT: Readonly<Obj> = Object.freeze({
  name: 'AzureCloud',
  gallery: 'https://gallery.azure.com/',
  graph: 'https://graph.windows.net/',
  portal: 'https://portal.azure.com',
  graphAudience: 'https://graph.windows.net/',
  activeDirectoryDataLake: 'https://datalake.azure.net/',
  batch: 'https://batch.core.windows.net/',
  media: 'https://rest.media.azure.net',
  sqlManagement: 'https://management.core.windows.net:8443/',
  vmImageAliasDoc: 'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json',
  resourceManager: 'https://management.azure.com/',
  authentication: {
    loginEndpoint: 'https://login.microsoftonline.com/',
    audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
    tenant: 'common',
    identityProvider: 'AAD',
  },
  suffixes: {
    acrLoginServer: '.azurecr.io',
    azureDatalakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
    azureDatalakeStoreFileSystem: 'azuredatalakestore.net',
    azureFrontDoorEndpointSuffix: 'azurefd.net',
    keyvaultDns: '.vault.azure.net',
    sqlServerHostname: '.database.windows.net',
    storage: 'core.windows.net',
  },
});
