/**
 * Who recovers a resource, in the user's words: the catalog names the article's example customer (Contoso) as the
 * neutral "Customer"; a report names the organisation of `.drcheck.yml` (`organisation: Fabrikam`) instead.
 */
import type { Responsibility } from '../model/posture';

/** The customer party as the catalog writes it. */
export const CUSTOMER = 'Customer';

const CUSTOMER_WORD = /\bCustomer\b/g;

/**
 * One labelled copy per (organisation, catalog responsibility): the judge calls this for every resource, and every
 * resource of a service then shares its entry's object, as it does without an organisation. Few organisations are
 * ever seen in one process; the map is emptied should a long-lived host see many.
 */
const labelled = new Map<string, WeakMap<Responsibility, Responsibility>>();
const MAX_ORGANISATIONS = 16;

/**
 * `responsibility` with the word "Customer" replaced by `organisation`. Without an organisation (or when nothing
 * names the customer) it is the catalog's own object.
 */
export function responsibilityFor(responsibility: Responsibility, organisation: string | undefined): Responsibility {
  if (!organisation || organisation === CUSTOMER) return responsibility;
  let memo = labelled.get(organisation);
  if (!memo) {
    if (labelled.size >= MAX_ORGANISATIONS) labelled.clear();
    labelled.set(organisation, (memo = new WeakMap()));
  }
  let out = memo.get(responsibility);
  if (!out) {
    // A replacer function, so `$&` or `$1` in a name are taken literally.
    const name = (text: string) => text.replace(CUSTOMER_WORD, () => organisation);
    const component = name(responsibility.component);
    const workload = name(responsibility.workload);
    out = component === responsibility.component && workload === responsibility.workload ? responsibility : { component, workload };
    memo.set(responsibility, out);
  }
  return out;
}
