// A fake `fetch` for tests: records every call and answers from a route table
// ("METHOD /path" -> [status, body, headers?]); unknown routes answer 404.

export interface Call { method: string; url: string; headers: Record<string, string>; body: unknown }
export type Answer = [number, unknown, Record<string, string>?];

export function fakeFetch(routes: Record<string, Answer | ((c: Call) => Answer)>): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = (async (input: string | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = (init.method ?? "GET").toUpperCase();
    const call: Call = { method, url, headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const route = routes[`${method} ${url.split("?")[0]}`];
    const [status, body, headers] = typeof route === "function" ? route(call) : route ?? [404, { error: "not found" }];
    const text = body === undefined || status === 204 ? null : JSON.stringify(body);
    return new Response(text, { status, headers: { "content-type": "application/json", ...headers } });
  }) as typeof fetch;
  return calls;
}
