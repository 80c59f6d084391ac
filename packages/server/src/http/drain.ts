import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { Server as NetServer, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

import { problem } from "./problem.ts";

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface DrainOptions {
  /**
   * How long idle keep-alive connections stay open after draining begins, so a request a
   * client already sent on one is answered (503) rather than met by a closed socket.
   */
  graceMs?: number;
  /** How long requests in flight may take to finish before their connections are cut. */
  timeoutMs?: number;
}

export interface Drainable {
  /**
   * Stops accepting connections; answers every request that arrives from now on with a 503
   * problem and `Connection: close`; lets the requests in flight finish (their answers close
   * their connections); then closes what is left. True when everything finished in time,
   * false when connections still busy at `timeoutMs` had to be cut.
   */
  drain(options?: DrainOptions): Promise<boolean>;
}

/** The 503 a request gets once the process is shutting down, on whichever surface. */
function refuse(res: ServerResponse): void {
  const body = JSON.stringify(
    problem(
      "service_unavailable",
      "The server is shutting down. Send the request again; it will reach another server.",
    ),
  );
  res.writeHead(503, {
    "Content-Type": "application/problem+json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Retry-After": "1",
    Connection: "close",
  });
  res.end(body);
}

/** The response a socket is busy with (node:http keeps it there), if any. */
function responseOn(socket: Socket): ServerResponse | null | undefined {
  return (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
}

/**
 * Makes a node:http server drainable. Call before it listens: it takes over the server's one
 * request listener (the app) and keeps a set of open connections. While serving, a request
 * costs one boolean check; a connection, one set entry.
 */
export function drainable(server: Server): Drainable {
  const [serve, ...others] = server.listeners("request") as RequestListener[];
  if (!serve || others.length) throw new Error("drainable() needs exactly one request listener");
  let draining = false;
  server.removeListener("request", serve);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (draining) refuse(res);
    else serve(req, res);
  });

  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  return {
    async drain({ graceMs = 500, timeoutMs = 10_000 } = {}) {
      draining = true;
      const start = Date.now();
      // Stop listening but keep open connections: node:http's own close() would also drop the
      // idle keep-alive ones at once, and a request already on its way over one would meet a
      // reset instead of an answer.
      NetServer.prototype.close.call(server);
      // Answers still being worked on tell their clients not to send more on the connection.
      for (const socket of sockets) {
        const res = responseOn(socket);
        if (res && !res.headersSent) res.setHeader("Connection", "close");
      }
      while (sockets.size > 0 && Date.now() - start < timeoutMs) {
        if (Date.now() - start >= graceMs) server.closeIdleConnections();
        await sleep(20);
      }
      const finished = sockets.size === 0;
      if (!finished) server.closeAllConnections();
      return finished;
    },
  };
}
