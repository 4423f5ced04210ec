import { platformEntry } from '../rules/platform';

/** Subscriptions: the billing and management boundary of each landing zone. */
export default platformEntry({
  id: 'subscriptions',
  displayName: 'Subscriptions',
  armTypes: ['Microsoft.Subscription/aliases'],
  terraformTypes: ['azurerm_subscription'],
});
