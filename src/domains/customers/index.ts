/** Customers as data subjects: export everything about one, or erase it. */
export { eraseCustomer, exportCustomer, requireCustomerByIdentity } from "./customers.service.ts";
export { customersRoutes } from "./customers.routes.ts";
/** A customer by external id on any source, with segment and value from conversation metadata (live assist rules). */
export { findCustomerProfile, type CustomerProfile } from "./profile.repo.ts";
