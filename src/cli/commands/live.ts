import type { Command } from "commander";
import { z } from "zod";
import { TRANSCRIPT_FORMATS } from "../../domains/voice/index.ts";
import { replayTranscript } from "../live/replay.ts";

const ReplayFlagsSchema = z.object({
  url: z.url({ protocol: /^https?$/, message: "--url must be an http(s) URL" }),
  apiKey: z.string().min(1).optional(),
  speed: z.coerce.number().positive("--speed must be above 0").max(10_000).default(1),
  fast: z.boolean().default(false),
  format: z.enum(TRANSCRIPT_FORMATS).optional(),
  callId: z.string().trim().min(1).max(180).optional(),
  json: z.boolean().default(false),
});

/** `rapport live replay FILE`: a transcript streamed into a running server as a live call. */
export function registerLiveCommand(program: Command): void {
  const live = program.command("live").description("Live calls over /api/v1/live (docs/live.md)");
  live
    .command("replay")
    .description(
      "Stream a transcript (WebVTT, SRT, Amazon Transcribe JSON) into a running server as a live call, printing each utterance's insight",
    )
    .argument("<file>", "the transcript (.vtt, .srt, or Transcribe .json)")
    .option("--url <url>", "the server", "http://localhost:3000")
    .option("--api-key <key>", "an API key with the 'ingest' scope (default: $RAPPORT_API_KEY)")
    .option("--speed <n>", "play N times faster than real time", "1")
    .option("--fast", "send every utterance at once (load tests)")
    .option("--format <format>", "vtt, srt or amazon-transcribe (default: from the extension)")
    .option("--call-id <id>", "the call id (default: replay-<file>-<time>)")
    .option("--json", "print every server frame as a JSON line")
    .action(async (file: string, raw: Record<string, unknown>) => {
      const parsed = ReplayFlagsSchema.safeParse(raw);
      if (!parsed.success) {
        process.stderr.write(`rapport live replay: ${parsed.error.issues[0]?.message}\n`);
        process.exitCode = 2;
        return;
      }
      const flags = parsed.data;
      process.exitCode = await replayTranscript(
        {
          file,
          url: flags.url,
          apiKey: flags.apiKey ?? process.env.RAPPORT_API_KEY,
          speed: flags.fast ? Infinity : flags.speed,
          format: flags.format,
          callId: flags.callId,
          json: flags.json,
        },
        { stdout: process.stdout, stderr: process.stderr },
      );
    });
}
