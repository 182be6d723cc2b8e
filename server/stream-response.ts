/**
 * Writes a streaming fetch Response (server-sent events) to a Node response chunk by chunk, as it is produced, and
 * stops reading it when the client goes away. A client that reads slower than events arrive leaves chunks queued in
 * the stream, where the stream's own bound applies (handlers/platform/control/journal-stream.ts): nothing buffers here.
 */
import type { ServerResponse } from 'node:http'
import type { MockResponse } from '../handlers/platform/http/response.ts'
import { headLines } from './http-bridge.ts'

/** True for responses that must be streamed rather than read whole. */
export const isStreaming = (response: Response | MockResponse): response is Response =>
  response instanceof Response && (response.headers.get('content-type') ?? '').startsWith('text/event-stream')

/**
 * @example
 * if (isStreaming(response)) await writeStreamingResponse(res, response, corsHeaders)
 */
export async function writeStreamingResponse(res: ServerResponse, response: Response, extraHeaders: Record<string, string> = {}): Promise<void> {
  res.writeHead(response.status, headLines(response.headers, extraHeaders))
  res.flushHeaders()
  const reader = response.body!.getReader()
  const done = new Promise<void>((resolve) => res.once('close', resolve))
  void done.then(() => reader.cancel().catch(() => {}))
  try {
    for (;;) {
      const chunk = await reader.read()
      if (chunk.done) break
      if (!res.write(chunk.value)) await Promise.race([new Promise((resolve) => res.once('drain', resolve)), done])
      if (res.destroyed) break
    }
  } catch {
    /* the client went away mid-stream */
  }
  if (!res.destroyed) res.end()
}
