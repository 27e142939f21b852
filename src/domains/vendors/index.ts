/** Outsourced partners: vendors own teams; contracts state service levels with credits per shortfall band. */
export { vendorsRoutes } from "./vendors.routes.ts";
export { vendorStatement, compareVendors, importVendorMetrics } from "./statement.service.ts";
export { seedDemoVendors } from "./demo.ts";
