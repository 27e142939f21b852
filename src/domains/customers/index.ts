/** Customers as data subjects: export everything about one, or erase it. */
export { eraseCustomer, exportCustomer, requireCustomerByIdentity } from "./customers.service.ts";
export { customersRoutes } from "./customers.routes.ts";
