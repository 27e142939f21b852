import type { Rng } from "./prng.ts";
import { FIRST_NAMES, LAST_NAMES } from "./roster.ts";

export interface PoolCustomer {
  id: string;
  name: string;
  first: string;
  email: string;
  /** E.164 in the 555 exchange that North American fiction uses. */
  phone: string;
  handle: string;
}

function asciiSlug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
}

/**
 * Fictional customers. The index goes into every address so email, phone and handle are unique
 * per customer (customer_identities has a unique key on source + external id).
 */
export function buildCustomerPool(rng: Rng, size: number): PoolCustomer[] {
  const domains = ["example.com", "example.net", "example.org", "mail.example.com"];
  return Array.from({ length: size }, (_, i) => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const f = asciiSlug(first);
    const l = asciiSlug(last);
    return {
      id: rng.uuid(),
      name: `${first} ${last}`,
      first,
      email: `${f}.${l}${i + 1}@${rng.pick(domains)}`,
      phone: `+1${rng.pick(["202", "312", "415", "617", "713", "206"])}555${String(i).padStart(4, "0")}`,
      handle: `@${f}${rng.pick(["_", "", "."])}${l}${i + 1}`,
    };
  });
}
