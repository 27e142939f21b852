/**
 * The load generator of `surveys.bench.ts`, in its own process so that autocannon's own CPU is not
 * charged to the server's event loop. Receives `{ url, paths, seconds, connections }` over IPC, posts one answer
 * per request (each a different link and client address), and sends back autocannon's result with
 * its own CPU time (`loadCpuMs`).
 */
import autocannon from "autocannon";
import { surveyAnswer } from "./survey-answer.ts";

interface Job {
  url: string;
  paths: string[];
  seconds: number;
  connections: number;
}

process.once("message", (message) => {
  const { url, paths, seconds, connections } = message as Job;
  let k = 0;
  const started = process.cpuUsage();
  void autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const i = k++;
          const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
          return { ...req, path: paths[i % paths.length]!, ...surveyAnswer(i, address) };
        },
      },
    ],
  }).then((result) => {
    // Its own CPU (user + system, ms) over the run, so the benchmark can print its share too.
    const cpu = process.cpuUsage(started);
    process.send!({ ...result, loadCpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
  });
});
