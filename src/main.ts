import { localHost, reportError } from "./cli/context.ts";
import { createProgram } from "./cli/program.ts";

const host = localHost();
createProgram(host)
  .parseAsync(process.argv)
  .catch((err: unknown) => reportError(err, host));
