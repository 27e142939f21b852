import { z } from "zod";

/** A provider a request goes to: resolved per organization by `resolveProvider`. */
export interface LlmProvider {
  url: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** Why a completion failed: the fallback answers and the reason is reported (never the key). */
export class LlmUnavailableError extends Error {
  constructor(
    readonly reason: "unavailable" | "timeout",
    message: string,
  ) {
    super(message);
  }
}

const CompletionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

/** The largest completion read: a summary or a reply is short; a runaway provider is cut off. */
const MAX_RESPONSE_BYTES = 256 * 1024;

/** `…/v1` → `…/v1/chat/completions`; a URL already naming the endpoint is used as is. */
export function completionsUrl(base: string): string {
  const trimmed = base.replace(/\/+$/, "");
  return trimmed.endsWith("/chat/completions") ? trimmed : `${trimmed}/chat/completions`;
}

/**
 * One chat completion from an OpenAI-compatible endpoint (`POST /v1/chat/completions`), the
 * protocol Ollama, llama.cpp, vLLM, LM Studio and OpenAI speak. Throws LlmUnavailableError on a
 * timeout, a refused connection, a non-2xx status or a body that is not a completion.
 */
export async function completeChat(
  provider: LlmProvider,
  messages: ChatMessage[],
  opts: { maxTokens: number },
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(completionsUrl(provider.url), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(provider.apiKey ? { authorization: `Bearer ${provider.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: provider.model,
        messages,
        temperature: 0.2,
        max_tokens: opts.maxTokens,
        stream: false,
      }),
      signal: AbortSignal.timeout(provider.timeoutMs),
      redirect: "error",
    });
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === "TimeoutError" || name === "AbortError")
      throw new LlmUnavailableError("timeout", `no answer within ${provider.timeoutMs} ms`);
    throw new LlmUnavailableError("unavailable", "the provider could not be reached");
  }
  try {
    if (!res.ok)
      throw new LlmUnavailableError("unavailable", `the provider answered ${res.status}`);
    const text = await res.text();
    if (text.length > MAX_RESPONSE_BYTES)
      throw new LlmUnavailableError("unavailable", "the provider's answer is too large");
    const parsed = CompletionSchema.safeParse(JSON.parse(text));
    const content = parsed.success ? parsed.data.choices[0]?.message.content?.trim() : undefined;
    if (!content)
      throw new LlmUnavailableError(
        "unavailable",
        "the provider's answer is not a chat completion",
      );
    return content;
  } catch (err) {
    if (err instanceof LlmUnavailableError) throw err;
    const name = (err as { name?: string }).name;
    if (name === "TimeoutError" || name === "AbortError")
      throw new LlmUnavailableError("timeout", `no answer within ${provider.timeoutMs} ms`);
    throw new LlmUnavailableError("unavailable", "the provider's answer is not JSON");
  }
}
